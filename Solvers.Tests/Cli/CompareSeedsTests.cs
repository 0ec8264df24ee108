using PartialLoading.Cli;
using PartialLoading.Cli.Comparison;
using PartialLoading.Comparison;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class CompareSeedsTests
{
    [TestCase("1..10", new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [TestCase("3,1,7", new[] { 3, 1, 7 })]
    [TestCase("-2..0", new[] { -2, -1, 0 })]
    [TestCase("5", new[] { 5 })]
    public void Seeds_are_a_range_or_a_list(string text, int[] seeds) => Assert.That(SeedList.Parse(text), Is.EqualTo(seeds));

    [TestCase("5..1")]
    [TestCase("1,1")]
    [TestCase("a..3")]
    [TestCase("1..100000")]
    public void Bad_seeds_are_one_usage_line(string text) => Assert.Throws<UsageException>(() => SeedList.Parse(text));

    [Test]
    public void Every_solver_runs_once_per_seed_and_the_files_of_different_seeds_merge()
    {
        using var library = new TemporaryLibrary("three-models", "general-sharing");

        PlsolveRun first = PlsolveRun.Of("compare", library.Path, "--solvers", "random,greedy", "--seeds", "1..2", "--out", library.File("a.csv"), "--stats", library.File("stats.csv"), "--profile", library.File("profile.csv"), "--quiet");
        PlsolveRun second = PlsolveRun.Of("compare", library.Path, "--solvers", "random,greedy", "--seeds", "3,4", "--out", library.File("b.csv"), "--quiet");
        PlsolveRun merged = PlsolveRun.Of("compare", "merge", library.File("a.csv"), library.File("b.csv"), "--out", library.File("all.json"));

        Assert.That((first.ExitCode, second.ExitCode, merged.ExitCode), Is.EqualTo((0, 0, 0)), first.Error + second.Error + merged.Error);
        Assert.That(ComparisonTable.Read(library.File("a.csv")).Select(r => (r.Instance, r.Solver, r.Seed)), Is.EquivalentTo(
            from i in new[] { "general-sharing", "three-models" } from s in new[] { "random", "greedy" } from seed in new[] { 1, 2 } select (i, s, seed)));
        Assert.That(first.Out, Does.Contain("value_ci95"));
        string[] stats = File.ReadAllLines(library.File("stats.csv"));
        Assert.That(stats[0], Is.EqualTo(string.Join(",", StatisticsTable.Columns)));
        Assert.That(stats, Has.Length.EqualTo(1 + 2 + 4)); // header, per solver, per instance and solver
        Assert.That(File.ReadAllLines(library.File("profile.csv"))[0], Is.EqualTo("solver,tau,share,problems"));
        Assert.That(merged.Out, Does.Contain("16 rows"));
    }

    [Test]
    public void A_merge_missing_a_seed_of_a_solver_on_one_instance_is_refused()
    {
        using var library = new TemporaryLibrary("three-models", "general-sharing");
        PlsolveRun.Of("compare", library.Path, "--solvers", "greedy", "--seeds", "1..2", "--out", library.File("a.csv"), "--quiet");
        string[] lines = File.ReadAllLines(library.File("a.csv"));
        File.WriteAllLines(library.File("cut.csv"), lines.Take(lines.Length - 1));

        PlsolveRun merged = PlsolveRun.Of("compare", "merge", library.File("cut.csv"));

        Assert.That(merged.ExitCode, Is.EqualTo(2));
        Assert.That(merged.Error, Does.Contain("with seed 2"));
    }
}
