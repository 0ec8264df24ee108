#!/usr/bin/env bash
# Time-limit overrun and peak memory of each exact solver (issue 19, item 3). For every solver, instance and limit:
# the solver's own runtime_s from summary.json (warm start and reading excluded) against the limit, the process's
# wall time and its peak resident memory (/usr/bin/time -v), and the status. Usage (from the repository root,
# after a Release build):  Benchmarks/Scripts/exact-time-limits.sh [instances...]
set -u
plsolve=Solvers/PartialLoading.Cli/bin/Release/net10.0/plsolve
instances=("${@:-instances/synthetic-general-100 instances/heterogeneous-400}")
read -r -a instances <<< "${instances[*]}"
out=$(mktemp -d)
printf '%-30s %-12s %5s %9s %9s %8s %9s %s\n' instance solver limit runtime_s overrun_s wall_s peak_mb status
for instance in "${instances[@]}"; do
  for limit in 2 10; do
    for solver in "milp --backend scip" "milp --backend highs" "milp --backend cbc" "cpsat"; do
      name=$(echo "$solver" | sed 's/ --backend /-/')
      /usr/bin/time -v -o "$out/time" $plsolve solve "$instance" --solver $solver --time-limit "$limit" --threads 1 --json > "$out/summary.json" 2> "$out/err"
      code=$?
      runtime=$(grep -o '"runtime_s": [0-9.eE+-]*' "$out/summary.json" | awk '{print $2}')
      status=$(grep -o '"status": "[a-z-]*"' "$out/summary.json" | awk -F'"' '{print $4}')
      wall=$(grep 'Elapsed (wall clock)' "$out/time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
      peak=$(grep 'Maximum resident' "$out/time" | awk '{printf "%.0f", $NF/1024}')
      overrun=$(awk -v r="${runtime:-nan}" -v l="$limit" 'BEGIN { if (r == "nan") print "-"; else printf "%.2f", r - l }')
      printf '%-30s %-12s %5s %9s %9s %8s %9s %s\n' "$(basename "$instance")" "$name" "$limit" "${runtime:--}" "$overrun" "$wall" "$peak" "${status:-exit $code: $(head -c 120 "$out/err")}"
    done
  done
done
rm -rf "$out"
