"""Tests of the plsolve Python package against a real plsolve (PLSOLVE or PATH), on the repository's instances."""

import shutil
import tempfile
import unittest
from pathlib import Path

import plsolve

INSTANCES = Path(__file__).resolve().parents[2] / "instances"


class OptionsTest(unittest.TestCase):
    def test_options_become_flags_and_none_is_left_out(self):
        words = plsolve._options(time_limit=5, solvers=["greedy", "local"], quiet=True, seed=None, no_sharing=False)
        self.assertEqual(words, ["--time-limit", "5", "--solvers", "greedy,local", "--quiet"])


class CommandsTest(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def test_solve_gives_a_typed_summary_with_its_schedule(self):
        summary = plsolve.solve(INSTANCES / "three-models", solver="labeling")
        self.assertEqual((summary.solver, summary.status, summary.value, summary.bound), ("labeling", "optimal", 3, 3))
        self.assertEqual([e.position for e in summary.schedule], [1, 2, 3])
        self.assertIsInstance(summary.schedule[0], plsolve.ScheduleEntry)

    def test_verify_rechecks_a_written_schedule(self):
        plsolve.solve(INSTANCES / "backbone-clusters", solver="greedy", out=self.folder / "greedy")
        check = plsolve.verify(INSTANCES / "backbone-clusters", self.folder / "greedy" / "schedule.csv")
        self.assertTrue(check.feasible)
        self.assertEqual(check.violations, [])

    def test_compare_gives_a_row_per_instance_solver_and_seed(self):
        rows = plsolve.compare([INSTANCES / "three-models"], solvers=["random", "greedy"], seeds="1..2")
        self.assertEqual(sorted((r.solver, r.seed) for r in rows), [("greedy", 1), ("greedy", 2), ("random", 1), ("random", 2)])
        self.assertTrue(all(r.value is not None and r.value <= r.best_bound for r in rows))

    def test_score_puts_schedules_made_elsewhere_beside_a_built_in_solver(self):
        made = plsolve.solve(INSTANCES / "three-models", solver="edd", out=self.folder / "mine" / "three-models")
        rows = plsolve.score([INSTANCES / "three-models"], schedules=self.folder / "mine", solvers=["labeling"])
        mine = next(r for r in rows if r.solver == "mine")
        self.assertEqual((mine.value, mine.best_bound_by), (made.value, "labeling"))

    def test_generate_writes_an_instance_that_solves(self):
        folder = plsolve.generate(self.folder / "g", "synthetic-general", 8, seed=3)
        self.assertEqual(plsolve.solve(folder, solver="greedy").users, 8)

    def test_bad_input_raises_with_exit_code_2(self):
        with self.assertRaises(plsolve.PlsolveError) as raised:
            plsolve.solve(self.folder / "missing")
        self.assertEqual(raised.exception.exit_code, 2)


if __name__ == "__main__":
    unittest.main()
