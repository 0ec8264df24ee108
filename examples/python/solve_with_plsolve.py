#!/usr/bin/env python3
"""Use plsolve from Python with the standard library only.

Writes an instance's four CSV files (docs/model.md section 7) into a temporary folder, solves it with a heuristic and with an
exact solver through `plsolve solve DIR --json`, reads the JSON summaries back, and has `plsolve verify` recheck the
exact solver's schedule.csv.

    python3 solve_with_plsolve.py [--plsolve PATH] [--time-limit SECONDS]

plsolve is the .NET tool: from the repository root, `dotnet pack -c Release` and then
`dotnet tool install --global --add-source artifacts/packages plsolve` (it is not on nuget.org yet); it is looked up
on PATH unless --plsolve is given.
"""

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def write_instance(folder: Path) -> None:
    """A LoRA server: one 1.2B-parameter base model in bf16 and six adapters on it, plus one unrelated vision model."""
    rng = random.Random(7)
    base = [f"base-{i:02d}" for i in range(8)]  # the base model in eight blocks of about 300 MB
    blocks = [(b, 307.0) for b in base] + [(f"lora-{a}", rng.choice([8.4, 16.8, 33.6])) for a in range(6)] + [("vit-b16", 346.3)]
    models = [(f"task-{a}", 0.030, base + [f"lora-{a}"]) for a in range(6)] + [("vision", 0.012, ["vit-b16"])]
    users = []
    for k in range(1, 17):
        model = rng.choice([m[0] for m in models])
        earliest = 0.5 if model == "vision" else 2.6  # a task model needs the 2.5 s base model loaded first
        users.append((f"u{k:02d}", model, round(rng.uniform(0.05, 0.6), 3), round(rng.uniform(earliest, 4.0), 3), 0.2,
                      round(rng.uniform(-120.0, -95.0), 1)))

    def write(name, header, rows):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)

    write("server.csv", ["load_rate_mb_per_s", "bandwidth_hz", "noise_dbm_per_hz", "initial_model"], [[1000, 10e6, -174, ""]])
    write("blocks.csv", ["block_id", "size_mb"], blocks)
    write("models.csv", ["model_id", "inference_s", "blocks"], [(m, c, ";".join(bs)) for m, c, bs in models])
    write("users.csv", ["user_id", "model_id", "data_mbit", "deadline_s", "power_w", "gain_db"], users)


def plsolve(executable: str, *args: str) -> subprocess.CompletedProcess:
    """Runs plsolve. Exit codes: 0 done, 1 a verification failed, 2 bad input or usage (one line per problem on stderr)."""
    result = subprocess.run([executable, *args], capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        sys.exit(f"plsolve {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plsolve", default=shutil.which("plsolve"), help="path of the plsolve executable (default: on PATH)")
    parser.add_argument("--time-limit", default="10", help="time limit of the exact solver, seconds (default 10)")
    options = parser.parse_args()
    if options.plsolve is None:
        sys.exit("plsolve is not on PATH: install it with `dotnet pack -c Release` and `dotnet tool install --global --add-source artifacts/packages plsolve` from the repository root, or pass --plsolve PATH")

    with tempfile.TemporaryDirectory() as temporary:
        instance = Path(temporary) / "lora-server"
        instance.mkdir()
        write_instance(instance)

        summaries = {}
        for solver in ("greedy", "labeling"):
            out = Path(temporary) / f"out-{solver}"
            result = plsolve(options.plsolve, "solve", str(instance), "--solver", solver, "--time-limit", options.time_limit,
                             "--out", str(out), "--json")
            summary = json.loads(result.stdout)  # the same object as out/summary.json
            summaries[solver] = summary
            gap = "none" if summary["gap"] is None else f"{100 * summary['gap']:.1f} %"
            print(f"{solver:8} {summary['status']:9} value {summary['value']:g}  served {summary['served']} of {summary['users']}"
                  f"  bound {summary['bound'] if summary['bound'] is not None else 'none'}  gap {gap}  runtime {summary['runtime_s']:.3f} s")

        exact = summaries["labeling"]
        print("\nlabeling schedule (the first rows):")
        for row in exact["schedule"][:8]:
            print(f"  {row['position']:3}  {row['user_id']}  {row['model_id']:7}  load {row['load_s']:.3f} s"
                  f"  ends {row['end_s']:.3f} s  deadline {row['deadline_s']:.3f} s  {row['bandwidth_hz'] / 1e6:.3f} MHz")

        verified = json.loads(plsolve(options.plsolve, "verify", str(instance), str(Path(temporary) / "out-labeling" / "schedule.csv"),
                                      "--json").stdout)
        print(f"\nplsolve verify: feasible {verified['feasible']}, value {verified['value']:g}, violations {verified['violations']}")
        return 0 if verified["feasible"] and exact["value"] >= summaries["greedy"]["value"] else 1


if __name__ == "__main__":
    sys.exit(main())
