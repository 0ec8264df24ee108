"""Typed Python access to the plsolve command line of PartialLoading Solvers, with the standard library only.

Every function runs the plsolve executable (found by the ``executable`` argument, the PLSOLVE environment variable,
or PATH) and turns its JSON or CSV output into dataclasses::

    import plsolve
    summary = plsolve.solve("instances/three-models", solver="labeling")
    print(summary.value, summary.status, summary.gap)
    rows = plsolve.compare(["instances/three-models"], solvers=["greedy", "local"], seeds="1..5")
    rows = plsolve.score(["instances"], schedules="my-schedules", name="mine", solvers=["labeling"])
    frame = plsolve.to_dataframe(rows)          # only if pandas is installed

plsolve exits 0 when done, 1 when a verification failed, 2 on bad input (one line per problem on stderr), 3 on a
defect; anything but 0 (and 1 for verify) raises PlsolveError with that exit code and stderr.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

__all__ = [
    "PlsolveError", "ScheduleEntry", "SolveSummary", "Verification", "ComparisonRow",
    "find_executable", "run", "generate", "solve", "verify", "compare", "score", "bound", "simulate",
    "read_comparison", "to_dataframe",
]

PathLike = Union[str, "os.PathLike[str]"]


class PlsolveError(RuntimeError):
    """plsolve exited with an error: ``exit_code`` 2 is bad input or usage, 3 a defect; ``stderr`` says why."""

    def __init__(self, args: Sequence[str], exit_code: int, stderr: str):
        super().__init__(f"plsolve {' '.join(args)} exited {exit_code}: {stderr.strip()}")
        self.args_given = list(args)
        self.exit_code = exit_code
        self.stderr = stderr


@dataclass(frozen=True)
class ScheduleEntry:
    """One served user of a schedule, in service order (docs/model.md section 8)."""
    position: int
    user_id: str
    model_id: str
    bandwidth_hz: float
    load_start_s: float
    load_s: float
    upload_end_s: float
    inference_start_s: float
    end_s: float
    deadline_s: float


@dataclass(frozen=True)
class SolveSummary:
    """What ``plsolve solve --json`` prints (the object of summary.json)."""
    instance: str
    solver: str
    status: str
    termination: Optional[str]
    value: float
    served: int
    users: int
    bound: Optional[float]
    gap: Optional[float]
    makespan_s: float
    bandwidth_used_hz: Optional[float]
    bandwidth_hz: float
    runtime_s: float
    warm_start_s: Optional[float]
    read_s: Optional[float]
    seed: int
    threads: int
    time_limit_s: Optional[float]
    note: Optional[str]
    schedule: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Verification:
    """What ``plsolve verify --json`` prints."""
    instance: str
    feasible: bool
    no_sharing: bool
    value: float
    served: int
    users: int
    makespan_s: float
    bandwidth_used_hz: Optional[float]
    bandwidth_derived: bool
    violations: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ComparisonRow:
    """One row of ``plsolve compare`` or ``plsolve score`` (one instance, solver and seed); None for empty cells."""
    instance: str
    users: int
    solver: str
    status: str
    termination: Optional[str]
    value: Optional[float]
    served: Optional[int]
    bound: Optional[float]
    best_bound: float
    best_bound_by: str
    gap: Optional[float]
    runtime_s: Optional[float]
    warm_start_s: Optional[float]
    time_limit_s: Optional[float]
    seed: int
    shard: str
    sweep_instances: int
    note: Optional[str]


def find_executable(executable: Optional[PathLike] = None) -> str:
    """The plsolve to run: ``executable``, else $PLSOLVE, else plsolve on PATH."""
    found = executable or os.environ.get("PLSOLVE") or shutil.which("plsolve")
    if not found:
        raise FileNotFoundError("plsolve not found: install the .NET tool, put it on PATH, set PLSOLVE or pass executable=")
    return os.fspath(found)


def run(*args: Any, executable: Optional[PathLike] = None, ok: Sequence[int] = (0,)) -> subprocess.CompletedProcess:
    """Runs ``plsolve ARGS`` and returns the finished process; an exit code outside ``ok`` raises PlsolveError."""
    words = [os.fspath(a) if isinstance(a, os.PathLike) else str(a) for a in args]
    result = subprocess.run([find_executable(executable), *words], capture_output=True, text=True, encoding="utf-8", check=False)
    if result.returncode not in ok:
        raise PlsolveError(words, result.returncode, result.stderr)
    return result


def _typed(cls, data: dict):
    names = {f.name for f in dataclasses.fields(cls)}
    known = {k: v for k, v in data.items() if k in names and k != "extra"}
    if "extra" in names:
        known["extra"] = {k: v for k, v in data.items() if k not in names}
    return cls(**known)


def _options(**options: Any) -> list:
    """--name value for every option given (None is left out, True is a bare flag, lists are joined by commas)."""
    words = []
    for name, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + name.replace("_", "-")
        if value is True:
            words.append(flag)
        elif isinstance(value, (list, tuple)):
            words += [flag, ",".join(str(v) for v in value)]
        else:
            words += [flag, os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
    return words


def generate(outdir: PathLike, scenario: str, users: int, seed: Optional[int] = None, *,
             extra: Sequence[str] = (), executable: Optional[PathLike] = None, **options: Any) -> Path:
    """``plsolve generate OUTDIR --scenario S --users N [--seed N] [--option value...]``; returns the instance folder."""
    run("generate", outdir, *_options(scenario=scenario, users=users, seed=seed, **options), *extra, executable=executable)
    return Path(outdir)


def solve(instance: PathLike, solver: Optional[str] = None, time_limit: Optional[float] = None, threads: Optional[int] = None,
          seed: Optional[int] = None, out: Optional[PathLike] = None, *, extra: Sequence[str] = (), executable: Optional[PathLike] = None,
          **options: Any) -> SolveSummary:
    """``plsolve solve DIR --json`` with the options given; the summary with its schedule as ScheduleEntry objects."""
    result = run("solve", instance, "--json", *_options(solver=solver, time_limit=time_limit, threads=threads, seed=seed, out=out, **options),
                 *extra, executable=executable)
    data = json.loads(result.stdout)
    data["schedule"] = [_typed(ScheduleEntry, e) for e in data.get("schedule", [])]
    return _typed(SolveSummary, data)


def verify(instance: PathLike, schedule: PathLike, no_sharing: bool = False, executable: Optional[PathLike] = None) -> Verification:
    """``plsolve verify DIR SCHEDULE --json``: feasible or not, with every violation (exit 1 is an answer, not an error)."""
    result = run("verify", instance, schedule, "--json", *_options(no_sharing=no_sharing), executable=executable, ok=(0, 1))
    return _typed(Verification, json.loads(result.stdout))


def _optional(text: str, kind):
    return None if text == "" else kind(text)


def read_comparison(path: PathLike) -> list:
    """Reads a CSV file written by ``compare --out``, ``compare merge`` or ``score --out`` into ComparisonRow objects."""
    number = float
    with open(path, newline="", encoding="utf-8") as f:
        return [ComparisonRow(
            instance=r["instance"], users=int(r["users"]), solver=r["solver"], status=r["status"],
            termination=_optional(r.get("termination", ""), str), value=_optional(r["value"], number), served=_optional(r["served"], int),
            bound=_optional(r["bound"], number), best_bound=number(r["best_bound"]), best_bound_by=r["best_bound_by"],
            gap=_optional(r["gap"], number), runtime_s=_optional(r["runtime_s"], number), warm_start_s=_optional(r["warm_start_s"], number),
            time_limit_s=_optional(r["time_limit_s"], number), seed=int(r["seed"]), shard=r["shard"],
            sweep_instances=int(r["sweep_instances"]), note=_optional(r["note"], str)) for r in csv.DictReader(f)]


def _table(command: Sequence[Any], out: Optional[PathLike], executable: Optional[PathLike]) -> list:
    if out is not None:
        run(*command, "--out", out, executable=executable)
        return read_comparison(out)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        run(*command, "--out", path, executable=executable)
        return read_comparison(path)


def compare(directories: Iterable[PathLike], solvers: Sequence[str], seeds: Union[str, Sequence[int], None] = None,
            time_limit: Optional[float] = None, out: Optional[PathLike] = None, *,
            extra: Sequence[str] = (), executable: Optional[PathLike] = None, **options: Any) -> list:
    """``plsolve compare DIR... --solvers a,b [--seeds 1..10]``: one ComparisonRow per instance, solver and seed.

    ``seeds`` is a range text such as "1..10" or a list of seeds; other options (threads, iterations, stats, profile,
    shard) pass through by name, e.g. ``profile="profile.svg"``.
    """
    command = ["compare", *directories, "--quiet", *_options(solvers=list(solvers), seeds=seeds, time_limit=time_limit, **options), *extra]
    return _table(command, out, executable)


def score(directories: Iterable[PathLike], schedules: PathLike, name: Optional[str] = None, solvers: Optional[Sequence[str]] = None,
          out: Optional[PathLike] = None, *, extra: Sequence[str] = (), executable: Optional[PathLike] = None, **options: Any) -> list:
    """``plsolve score DIR... --schedules FOLDER``: schedules made elsewhere, scored as ComparisonRow objects.

    The schedule of instance NAME is FOLDER/NAME/schedule.csv or FOLDER/NAME.csv (position and user_id columns,
    bandwidth_hz optional); ``solvers`` adds built-in solvers' rows to the same table.
    """
    command = ["score", *directories, *_options(schedules=schedules, name=name, solvers=list(solvers) if solvers else None, **options), *extra]
    return _table(command, out, executable)


def _passthrough(command: str, args: Sequence[Any], executable: Optional[PathLike]) -> Any:
    result = run(command, *args, executable=executable)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return result.stdout


def bound(*args: Any, executable: Optional[PathLike] = None) -> Any:
    """``plsolve bound ARGS`` (where the installed plsolve has it): parsed JSON when it prints JSON (pass "--json"), else its text."""
    return _passthrough("bound", args, executable)


def simulate(*args: Any, executable: Optional[PathLike] = None) -> Any:
    """``plsolve simulate ARGS`` (where the installed plsolve has it): parsed JSON when it prints JSON, else its text."""
    return _passthrough("simulate", args, executable)


def to_dataframe(rows: Iterable[Any]):
    """The dataclasses as a pandas DataFrame (pandas is optional: ImportError when it is missing)."""
    import pandas  # noqa: PLC0415 - optional dependency

    return pandas.DataFrame([dataclasses.asdict(r) for r in rows])
