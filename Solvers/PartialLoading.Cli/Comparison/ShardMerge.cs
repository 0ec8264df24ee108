using System.Globalization;
using PartialLoading.Comparison;

namespace PartialLoading.Cli.Comparison;

/// <summary>
/// Merges comparison files (the shards of one sweep, runs of different solvers or of different seeds over the same
/// instances) into one table, after checking that they fit together: no instance × solver × seed twice, every
/// instance has a row for every solver and seed that solver ran with, one instance name means one instance (same K),
/// a solver ran with one time limit, and every shard of the sweep is there with all its instances (a missing or
/// cut-short shard is caught, using the <c>shard</c> and <c>sweep_instances</c> columns). Gaps are then recomputed
/// against the best bound over all rows.
/// </summary>
internal static class ShardMerge
{
    /// <summary>The merged rows (instances by name, solvers in order of first appearance), or the problems, one line each.</summary>
    public static MergeOutcome Merge(IReadOnlyList<(string Path, IReadOnlyList<ComparisonRow> Rows)> files)
    {
        var problems = new List<string>();
        var all = files.SelectMany(f => f.Rows.Select(r => (f.Path, Row: r))).ToList();
        List<string> solvers = [.. all.Select(x => x.Row.Solver).Distinct(StringComparer.Ordinal)];
        var seeds = all.GroupBy(x => x.Row.Solver, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Row.Seed).Distinct().Order().ToList(), StringComparer.Ordinal);

        // The same instance × solver × seed twice: reported once per pair of files, not once per row.
        var seen = new Dictionary<(string, string, int), string>();
        var repeats = new Dictionary<(string First, string Second), (int Count, ComparisonRow Example)>();
        foreach ((string path, ComparisonRow row) in all)
        {
            if (seen.TryGetValue((row.Instance, row.Solver, row.Seed), out string? first))
            {
                var key = (first, path);
                repeats[key] = repeats.TryGetValue(key, out var r) ? (r.Count + 1, r.Example) : (1, row);
            }
            else
            {
                seen[(row.Instance, row.Solver, row.Seed)] = path;
            }
        }

        foreach (((string firstFile, string secondFile), (int count, ComparisonRow example)) in repeats)
        {
            string where = firstFile == secondFile ? $"{secondFile} holds {count} row(s) twice" : $"{secondFile} repeats {count} row(s) of {firstFile}";
            problems.Add($"{where} (first: instance '{example.Instance}', solver '{example.Solver}', seed {example.Seed}); was a file given twice?");
        }

        foreach (var instance in all.GroupBy(x => x.Row.Instance, StringComparer.Ordinal))
        {
            var sizes = instance.GroupBy(x => x.Row.Users).ToList();
            if (sizes.Count > 1)
            {
                problems.Add($"instance '{instance.Key}' has {sizes[0].Key} users in {sizes[0].First().Path} but {sizes[1].Key} in {sizes[1].First().Path}: two different instances of one name");
            }

            var missing = solvers.Where(s => !instance.Any(x => x.Row.Solver == s)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"instance '{instance.Key}' has no row for solver {string.Join(", ", missing.Select(s => $"'{s}'"))} (were the files run with different --solvers?)");
            }

            var missingSeeds = seeds.SelectMany(p => p.Value.Where(seed => !instance.Any(x => x.Row.Solver == p.Key && x.Row.Seed == seed)).Select(seed => (Solver: p.Key, Seed: seed)))
                .Where(p => !missing.Contains(p.Solver))
                .ToList();
            if (missingSeeds.Count > 0)
            {
                problems.Add($"instance '{instance.Key}' has no row for {string.Join(", ", missingSeeds.Select(p => $"solver '{p.Solver}' with seed {p.Seed}"))} (were the files run with different --seeds?)");
            }
        }

        foreach (var solver in all.GroupBy(x => x.Row.Solver, StringComparer.Ordinal))
        {
            Differ(problems, solver, $"solver '{solver.Key}' ran with different --time-limit", r => r.TimeLimitSeconds is double t ? N(t) + " s" : "the solver's default");
        }

        CheckShards(problems, all);
        if (problems.Count > 0)
        {
            return new MergeOutcome([], problems);
        }

        var order = solvers.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var rows = BestBounds.Apply(all.Select(x => x.Row))
            .OrderBy(r => r.Instance, StringComparer.Ordinal)
            .ThenBy(r => order[r.Solver])
            .ThenBy(r => r.Seed)
            .ToList();
        return new MergeOutcome(rows, []);
    }

    /// <summary>Every shard of the sweep present with all its instances (files from one sweep: same n, same instance count).</summary>
    private static void CheckShards(List<string> problems, List<(string Path, ComparisonRow Row)> all)
    {
        var sweeps = all.GroupBy(x => (x.Row.Shard.Count, x.Row.SweepInstances)).ToList();
        if (sweeps.Count > 1)
        {
            var (a, b) = (sweeps[0].First(), sweeps[1].First());
            problems.Add($"the files come from different sweeps: {a.Path} is a shard of {a.Row.Shard.Count} over {a.Row.SweepInstances} instances, {b.Path} of {b.Row.Shard.Count} over {b.Row.SweepInstances}");
            return;
        }

        if (sweeps.Count == 0)
        {
            return;
        }

        (int count, int sweepInstances) = sweeps[0].Key;
        for (int index = 1; index <= count; index++)
        {
            var shard = new Shard(index, count);
            int expected = shard.SizeOf(sweepInstances);
            int found = all.Where(x => x.Row.Shard == shard).Select(x => x.Row.Instance).Distinct(StringComparer.Ordinal).Count();
            if (found < expected)
            {
                problems.Add(found == 0
                    ? $"shard {shard} is missing ({expected} of the sweep's {sweepInstances} instances)"
                    : $"shard {shard} holds {found} of its {expected} instances (interrupted? run it again)");
            }
        }
    }

    private static void Differ(List<string> problems, IEnumerable<(string Path, ComparisonRow Row)> rows, string what, Func<ComparisonRow, string> setting)
    {
        var values = rows.GroupBy(x => setting(x.Row), StringComparer.Ordinal).ToList();
        if (values.Count > 1)
        {
            problems.Add($"{what}: {values[0].Key} in {values[0].First().Path}, {values[1].Key} in {values[1].First().Path}");
        }
    }

    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>The merged rows, or the problems that stop the merge (one line each).</summary>
internal sealed record MergeOutcome(IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<string> Problems);
