using PartialLoading.Comparison;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class CompareMergeTests
{
    private const string Header = "instance,users,solver,status,value,served,bound,best_bound,best_bound_by,gap,runtime_s,warm_start_s,time_limit_s,seed,shard,sweep_instances,note\n";

    [Test]
    public void A_bound_proved_in_one_file_tightens_the_gaps_of_another()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("heuristics.csv", Header + "a,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/1,1,\n");
        folder.Write("exact.csv", Header + "a,8,cpsat,optimal,6,6,6,6,cpsat,0,0.5,0.1,10,0,1/1,1,\n");

        PlsolveRun run = PlsolveRun.Of("compare", "merge", folder.File("heuristics.csv"), folder.File("exact.csv"), "--out", folder.File("all.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        ComparisonRow fifo = ComparisonTable.Read(folder.File("all.csv")).Single(r => r.Solver == "fifo");
        Assert.That(fifo.BestBound, Is.EqualTo(6));
        Assert.That(fifo.BestBoundBy, Is.EqualTo("cpsat"));
        Assert.That(fifo.Gap, Is.EqualTo(1.0 / 6.0).Within(1e-12));
    }

    [Test]
    public void A_file_given_twice_is_one_line_of_bad_input()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("shard.csv", Header + "a,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/1,2,\nb,3,fifo,heuristic,1,1,,3,total-weight,0.6666666666666666,0,,10,0,1/1,2,\n");

        PlsolveRun run = PlsolveRun.Of("compare", "merge", folder.File("shard.csv"), folder.File("shard.csv"), "--out", folder.File("all.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Error, Does.Contain("holds 2 row(s) twice").And.Contain("instance 'a', solver 'fifo'"));
        Assert.That(File.Exists(folder.File("all.csv")), Is.False);
    }

    [TestCase("a,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/2,2,\n", "shard 2/2 is missing")]
    [TestCase("a,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/1,1,\na,8,edd,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/1,1,\nb,3,fifo,heuristic,1,1,,3,total-weight,0.5,0,,10,0,1/1,1,\n", "instance 'b' has no row for solver 'edd'")]
    [TestCase("a,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/1,1,\na,8,edd,heuristic,5,5,,8,total-weight,0.375,0.01,,60,0,1/1,1,\n", "")]
    [TestCase("a,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/1,1,\na,9,edd,heuristic,5,5,,9,total-weight,0.375,0.01,,10,0,1/1,1,\n", "has 8 users in")]
    public void Files_that_do_not_fit_together_are_refused(string rows, string expected)
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("a.csv", Header + rows);

        PlsolveRun run = PlsolveRun.Of("compare", "merge", folder.File("a.csv"));

        Assert.That(run.ExitCode, expected.Length == 0 ? Is.EqualTo(0) : Is.EqualTo(2), run.Error);
        Assert.That(run.Error, Does.Contain(expected));
    }

    [Test]
    public void A_solver_run_with_two_time_limits_is_refused()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("one.csv", Header + "a,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,10,0,1/2,2,\n");
        folder.Write("two.csv", Header + "b,8,fifo,heuristic,5,5,,8,total-weight,0.375,0.01,,60,0,2/2,2,\n");

        PlsolveRun run = PlsolveRun.Of("compare", "merge", folder.File("one.csv"), folder.File("two.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("solver 'fifo' ran with different --time-limit: 10 s in"));
    }

    [Test]
    public void A_malformed_file_is_bad_input_located_by_line_and_column()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("a.csv", Header + "a,8,fifo,great,5,5,,8,total-weight,0.375,0.01,,10,0,1/1,1,\n");

        PlsolveRun run = PlsolveRun.Of("compare", "merge", folder.File("a.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("a.csv:2: column 'status': 'great' is not a status"));
    }
}
