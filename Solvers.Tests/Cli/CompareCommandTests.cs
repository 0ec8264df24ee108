using PartialLoading.Cli;
using PartialLoading.Comparison;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class CompareCommandTests
{
    private static readonly string[] Small = ["backbone-clusters", "bandwidth-bound", "general-sharing", "synthetic-general-10", "three-models"];

    [Test]
    public void Writes_one_row_per_instance_and_solver_and_a_not_applicable_row_for_a_refusal()
    {
        using var library = new TemporaryLibrary(Small);
        string csv = library.File("out.csv");

        PlsolveRun run = PlsolveRun.Of("compare", library.Path, "--solvers", "fifo,dp,greedy", "--out", csv);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        IReadOnlyList<ComparisonRow> rows = ComparisonTable.Read(csv);
        Assert.That(rows.Select(r => (r.Instance, r.Solver)), Is.EquivalentTo(Small.SelectMany(i => new[] { (i, "fifo"), (i, "dp"), (i, "greedy") })));
        ComparisonRow refused = rows.Single(r => r.Instance == "general-sharing" && r.Solver == "dp");
        Assert.That(refused.Status, Is.EqualTo(ComparisonStatus.NotApplicable));
        Assert.That(refused.Note, Does.StartWith("dp: "));
        Assert.That(refused.Value, Is.Null);
        Assert.That(refused.Gap, Is.Null);
        Assert.That(run.Out, Does.Contain("not-applicable"));
        Assert.That(run.Out, Does.Contain("mean_gap"));
    }

    [Test]
    public void The_gap_is_taken_against_the_lowest_bound_a_solver_proved()
    {
        using var library = new TemporaryLibrary("backbone-clusters");

        PlsolveRun run = PlsolveRun.Of("compare", library.File("backbone-clusters"), "--solvers", "fifo,dp", "--bound", "none", "--out", library.File("out.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        IReadOnlyList<ComparisonRow> rows = ComparisonTable.Read(library.File("out.csv"));
        ComparisonRow dp = rows.Single(r => r.Solver == "dp");
        ComparisonRow fifo = rows.Single(r => r.Solver == "fifo");
        Assert.That(dp.Status, Is.EqualTo("optimal"));
        Assert.That(dp.Bound, Is.LessThan(12), "below Σ w, so the solver's bound is the best one");
        Assert.That(fifo.BestBound, Is.EqualTo(dp.Bound));
        Assert.That(fifo.BestBoundBy, Is.EqualTo("dp"));
        Assert.That(fifo.Gap, Is.EqualTo((dp.Bound!.Value - fifo.Value!.Value) / dp.Bound.Value).Within(1e-12));
    }

    [TestCase(7, 0, "")]
    [TestCase(4, 3, "plsolve: defect on 'general-sharing': fifo's value 5 is above the best bound 4 (library)")]
    public void A_library_results_csv_bound_is_used_for_its_instances(int libraryBound, int exitCode, string error)
    {
        // fifo serves 5 of the 8 users of general-sharing; a library bound below that is a defect somewhere.
        using var library = new TemporaryLibrary("general-sharing");
        File.WriteAllText(library.File("results.csv"), $"instance,users,best_value,best_bound,status,solver,time_s,bound_by\ngeneral-sharing,8,{libraryBound},{libraryBound},optimal,cpsat,0.1,cpsat\n");

        PlsolveRun run = PlsolveRun.Of("compare", library.File("general-sharing"), "--solvers", "fifo", "--out", library.File("out.csv"), "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.Error);
        Assert.That(run.Error.Trim(), Is.EqualTo(error));
        ComparisonRow fifo = ComparisonTable.Read(library.File("out.csv")).Single();
        Assert.That(fifo.Value, Is.EqualTo(5));
        Assert.That(fifo.BestBound, Is.EqualTo(libraryBound));
        Assert.That(fifo.BestBoundBy, Is.EqualTo(BestBounds.Library));
    }

    [Test]
    public void Shards_partition_the_sweep_and_their_merge_equals_the_full_run()
    {
        using var library = new TemporaryLibrary(Small);
        string[] common = ["compare", library.Path, "--solvers", "fifo,edd,dp", "--quiet"];
        Assert.That(PlsolveRun.Of([.. common, "--out", library.File("full.csv")]).ExitCode, Is.EqualTo(0));
        string[] shards = [.. Enumerable.Range(1, 3).Select(i => library.File($"shard-{i}.csv"))];
        for (int i = 0; i < 3; i++)
        {
            PlsolveRun shard = PlsolveRun.Of([.. common, "--shard", $"{i + 1}/3", "--out", shards[i]]);
            Assert.That(shard.ExitCode, Is.EqualTo(0), shard.Error);
        }

        string[][] instances = [.. shards.Select(s => ComparisonTable.Read(s).Select(r => r.Instance).Distinct().ToArray())];
        PlsolveRun merge = PlsolveRun.Of([.. new[] { "compare", "merge" }, .. shards, "--out", library.File("merged.csv")]);

        Assert.That(instances.SelectMany(i => i), Is.EquivalentTo(Small), "the shards are disjoint and cover the sweep");
        Assert.That(instances.Select(i => i.Length), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(merge.ExitCode, Is.EqualTo(0), merge.Error);
        Assert.That(Comparable(ComparisonTable.Read(library.File("merged.csv"))), Is.EqualTo(Comparable(ComparisonTable.Read(library.File("full.csv")))));
    }

    [Test]
    public void The_same_seed_gives_the_same_rows()
    {
        using var library = new TemporaryLibrary(Small);
        string[] args = ["compare", library.Path, "--solvers", "random,local", "--seed", "7", "--iterations", "200", "--quiet"];

        Assert.That(PlsolveRun.Of([.. args, "--out", library.File("a.csv")]).ExitCode, Is.EqualTo(0));
        Assert.That(PlsolveRun.Of([.. args, "--out", library.File("b.csv")]).ExitCode, Is.EqualTo(0));

        Assert.That(Comparable(ComparisonTable.Read(library.File("a.csv"))), Is.EqualTo(Comparable(ComparisonTable.Read(library.File("b.csv")))));
    }

    [Test]
    public void The_time_limit_reaches_the_solver()
    {
        // local cannot serve everybody on backbone-clusters, so only its time limit stops it.
        using var library = new TemporaryLibrary("backbone-clusters");

        PlsolveRun run = PlsolveRun.Of("compare", library.Path, "--solvers", "local", "--time-limit", "0.3", "--out", library.File("out.csv"));

        ComparisonRow row = ComparisonTable.Read(library.File("out.csv")).Single();
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(row.TimeLimitSeconds, Is.EqualTo(0.3));
        Assert.That(row.Note, Does.Contain("stopped: time limit"));
    }

    [Test]
    public void Ctrl_c_before_any_instance_finished_says_nothing_was_written()
    {
        using var library = new TemporaryLibrary(Small);

        PlsolveRun run = PlsolveRun.Interrupted("compare", library.Path, "--solvers", "fifo", "--out", library.File("out.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Interrupted));
        Assert.That(File.Exists(library.File("out.csv")), Is.False);
        Assert.That(run.Error, Does.Contain($"interrupted: 0 of 5 instances finished, nothing written to {library.File("out.csv")}"));
    }

    [Test]
    public void Ctrl_c_keeps_the_finished_instances_and_drops_the_one_under_way()
    {
        using var library = new TemporaryLibrary(Small);
        using var interrupt = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new CancelOnLine(interrupt, "[1/");

        int code = PlsolveApp.Run(["compare", library.Path, "--solvers", "fifo,edd", "--out", library.File("out.csv")], output, error, interrupt.Token);

        Assert.That(code, Is.EqualTo(ExitCodes.Interrupted));
        Assert.That(ComparisonTable.Read(library.File("out.csv")).Select(r => r.Instance).Distinct(), Is.EqualTo(new[] { Small[0] }));
        Assert.That(error.ToString(), Does.Contain("interrupted: 1 of 5 instances finished"));
        PlsolveRun merge = PlsolveRun.Of("compare", "merge", library.File("out.csv"));
        Assert.That(merge.ExitCode, Is.EqualTo(2));
        Assert.That(merge.Error, Does.Contain("shard 1/1 holds 1 of its 5 instances"));
    }

    [TestCase("0/4")]
    [TestCase("5/4")]
    [TestCase("2/0")]
    [TestCase("a/b")]
    [TestCase("3")]
    [TestCase("1/2/3")]
    public void A_bad_shard_exits_2_with_one_line(string shard)
    {
        PlsolveRun run = PlsolveRun.Of("compare", RepositoryPaths.Instances, "--solvers", "fifo", "--shard", shard);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.StartWith($"plsolve: --shard '{shard}'"));
    }

    [TestCase("--solvers is required")]
    [TestCase("unknown solver 'magic'", "--solvers", "fifo,magic")]
    [TestCase("names 'fifo' twice", "--solvers", "fifo,fifo")]
    [TestCase("--time-limit must be a positive number", "--solvers", "fifo", "--time-limit", "-1")]
    public void Bad_options_exit_2_with_one_line(string expected, params string[] options)
    {
        PlsolveRun run = PlsolveRun.Of(["compare", RepositoryPaths.Instance("three-models"), .. options]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.Contain(expected));
    }

    [Test]
    public void A_folder_without_instances_is_bad_input()
    {
        using var empty = InstanceFolder.Empty();

        PlsolveRun run = PlsolveRun.Of("compare", empty.Path, "--solvers", "fifo");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("neither an instance folder"));
    }

    [Test]
    public void Help_explains_the_gap_the_shards_and_merge()
    {
        PlsolveRun run = PlsolveRun.Of("compare", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Does.Contain("best bound is the lowest of"));
        Assert.That(run.Out, Does.Contain("SLURM_ARRAY_TASK_ID"));
        Assert.That(run.Out, Does.Contain("merge"));
    }

    /// <summary>The rows without what varies between runs of the same work (times) or says where it ran (shard).</summary>
    internal static string[] Comparable(IEnumerable<ComparisonRow> rows)
        => [.. rows.Select(r => (r with { RuntimeSeconds = null, WarmStartSeconds = null, Shard = Shard.All }).ToString())];

    /// <summary>An error writer that cancels the run when a line starting with a prefix is written.</summary>
    private sealed class CancelOnLine(CancellationTokenSource source, string prefix) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                source.Cancel();
            }
        }
    }

    [Test]
    public void An_instance_folder_without_server_csv_gives_invalid_input_rows_and_exits_2_at_the_end()
    {
        using var library = new TemporaryLibrary("three-models", "general-sharing");
        File.Delete(Path.Combine(library.File("three-models"), "server.csv"));

        PlsolveRun run = PlsolveRun.Of("compare", library.Path, "--solvers", "greedy", "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.Out, Does.StartWith("compare: 2 instances"));
        Assert.That(run.Out, Does.Match(@"three-models +0 +greedy +invalid-input"));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"{library.File("three-models")}/server.csv: file not found" }));
    }

    [Test]
    public void A_results_row_whose_bound_is_below_its_value_is_bad_input_not_a_defect()
    {
        using var library = new TemporaryLibrary("three-models");
        File.WriteAllText(library.File("results.csv"), "instance,users,best_value,best_bound,status,solver,time_s,bound_by\nthree-models,3,3,1,open,greedy,0.1,bandwidth-knapsack\n");

        PlsolveRun run = PlsolveRun.Of("compare", library.File("three-models"), "--solvers", "edd", "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"{library.Path}/results.csv:2: column 'best_bound': '1' is below best_value '3' (a proved bound is at least every verified value)" }));
    }

    [Test]
    public void Help_says_what_an_instance_folder_is()
    {
        Assert.That(PlsolveRun.Of("compare", "--help").Out, Does.Contain("holding at least one of server.csv, blocks.csv, models.csv, users.csv"));
    }

}
