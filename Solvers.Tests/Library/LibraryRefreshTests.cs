using PartialLoading.Core;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Baselines;
using PartialLoading.Library;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Library;

public class LibraryRefreshTests
{
    [Test]
    public void Keeps_the_best_verified_schedule_across_runs()
    {
        using var library = NewLibrary("three-models");

        LibraryResult first = Refresh(library, new FifoBaseline()).Single();
        LibraryResult second = Refresh(library, new EarliestDeadlineBaseline()).Single();
        LibraryResult third = Refresh(library, new FifoBaseline()).Single();

        Assert.Multiple(() =>
        {
            Assert.That((first.BestValue, first.Solver, first.Status), Is.EqualTo((1.0, "fifo", LibraryStatus.Open)));
            Assert.That((second.BestValue, second.Solver, second.Status), Is.EqualTo((3.0, "edd", LibraryStatus.Optimal)));
            Assert.That((third.BestValue, third.Solver), Is.EqualTo((3.0, "edd")), "a worse run does not replace the stored best");
            Assert.That(third.BestBound, Is.EqualTo(3), "serving everybody bounds the value");
            Assert.That(third.BoundBy, Is.EqualTo(LibraryResults.TotalWeightBound));
        });
        Instance instance = InstanceReader.Read(library.File("three-models"));
        ScheduleFile best = ScheduleFile.Read(Path.Combine(library.File("three-models"), LibraryResults.BestScheduleFileName), instance);
        Assert.That(best.Order, Has.Length.EqualTo(3));
    }

    [Test]
    public void Records_the_relaxations_bound_with_its_source_when_no_solver_proves_a_tighter_one()
    {
        using var library = NewLibrary("bandwidth-bound");

        LibraryResult result = Refresh(library, new FifoBaseline()).Single();

        Assert.That(result.BestBound, Is.LessThan(6), "below serving everybody (6 users)");
        Assert.That(result.BestBound, Is.GreaterThanOrEqualTo(result.BestValue));
        Assert.That(result.BoundBy, Is.EqualTo("bandwidth-knapsack"));
    }

    [Test]
    public void Keeps_the_smallest_proved_bound_and_marks_optimal_when_the_value_meets_it()
    {
        using var library = NewLibrary("general-sharing");

        LibraryResult open = Refresh(library, new BoundingSolver(new FifoBaseline(), bound: 7)).Single();
        LibraryResult loose = Refresh(library, new BoundingSolver(new FifoBaseline(), bound: 7.5)).Single();
        LibraryResult closed = Refresh(library, new BoundingSolver(new EarliestDeadlineBaseline(), bound: 6)).Single();

        Assert.Multiple(() =>
        {
            Assert.That((open.BestValue, open.BestBound, open.BoundBy, open.Status), Is.EqualTo((5.0, 7.0, "bounding-fifo", LibraryStatus.Open)));
            Assert.That(loose.BestBound, Is.EqualTo(7), "a looser bound does not replace a tighter one");
            Assert.That((closed.BestValue, closed.BestBound, closed.Status), Is.EqualTo((6.0, 6.0, LibraryStatus.Optimal)));
        });
    }

    [Test]
    public void Each_solver_starts_from_the_best_schedule_so_far_and_a_tie_credits_the_one_that_found_it()
    {
        using var library = NewLibrary("three-models");
        var echo = new WarmStartEcho();

        LibraryResult row = Refresh(library, new FifoBaseline(), new EarliestDeadlineBaseline(), echo).Single();

        Assert.That(echo.WarmStartCount, Is.EqualTo(3), "edd's schedule (3 served) beats fifo's (1) and is handed on");
        Assert.That((row.BestValue, row.Solver), Is.EqualTo((3.0, "edd")));
    }

    [Test]
    public void Skips_solvers_that_refuse_the_instance()
    {
        using var library = NewLibrary("three-models");

        LibraryResult row = Refresh(library, new RefusingSolver(), new EarliestDeadlineBaseline()).Single();

        Assert.That((row.BestValue, row.Solver), Is.EqualTo((3.0, "edd")));
    }

    [Test]
    public void A_stored_schedule_that_no_longer_verifies_is_discarded()
    {
        using var library = NewLibrary("three-models");
        Refresh(library, new EarliestDeadlineBaseline());
        string bestPath = Path.Combine(library.File("three-models"), LibraryResults.BestScheduleFileName);
        // Serve u1 first: model C's 0.5 s load and the later users miss their deadlines.
        File.WriteAllText(bestPath, "position,user_id\n1,u1\n2,u2\n3,u3\n");

        var log = new StringWriter();
        LibraryResult row = new LibraryRefresh([new FifoBaseline()], SolverOptions.Default, log).Run(library.Path).Results.Single();

        Assert.That(log.ToString(), Does.Contain("stored best.csv discarded"));
        Assert.That((row.BestValue, row.Solver), Is.EqualTo((1.0, "fifo")));
    }

    [Test]
    public void A_bound_below_a_verified_value_is_a_defect_and_nothing_is_written_for_it()
    {
        using var library = NewLibrary("three-models");

        Assert.That(() => Refresh(library, new EarliestDeadlineBaseline(), new BoundingSolver(new EmptySolver(), bound: 2)),
            Throws.TypeOf<SolverDefectException>().With.Message.Contains("below the verified value 3"));
        Assert.That(File.Exists(Path.Combine(library.File("three-models"), LibraryResults.BestScheduleFileName)), Is.False);
    }

    [Test]
    public void Refreshing_some_instances_keeps_the_rows_of_the_others()
    {
        using var library = NewLibrary("three-models", "general-sharing");
        Refresh(library, new FifoBaseline());

        var log = new StringWriter();
        IReadOnlyList<LibraryResult> rows = new LibraryRefresh([new EarliestDeadlineBaseline()], SolverOptions.Default, log).Run(library.Path, only: ["three-models"], reset: true).Results;

        Assert.That(rows.Select(r => (r.Instance, r.BestValue, r.Solver)), Is.EqualTo(new[] { ("general-sharing", 5.0, "fifo"), ("three-models", 3.0, "edd") }));
        Assert.That(LibraryResults.Read(Path.Combine(library.Path, LibraryResults.FileName)), Is.EqualTo(rows));
    }

    [Test]
    public void Unreadable_instances_are_reported_by_folder_and_the_others_are_refreshed_and_written()
    {
        using var library = NewLibrary("general-sharing", "three-models");
        Directory.CreateDirectory(library.File("a-bad"));
        foreach (string file in InstanceWriter.FileNames)
        {
            File.Copy(Path.Combine(RepositoryPaths.Instance("three-models"), file), Path.Combine(library.File("a-bad"), file));
        }

        File.WriteAllText(Path.Combine(library.File("a-bad"), "users.csv"), "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,A,abc,1,0.2,-100\n");
        File.Delete(Path.Combine(library.File("general-sharing"), "server.csv"));

        LibraryRefreshOutcome outcome = new LibraryRefresh([new FifoBaseline()], SolverOptions.Default, TextWriter.Null).Run(library.Path);

        Assert.That(outcome.Invalid.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            $"{library.File("a-bad")}/users.csv:2: column 'data_mbit': 'abc' is not a number",
            $"{library.File("general-sharing")}/server.csv: file not found",
        }));
        Assert.That(outcome.Results.Select(r => r.Instance), Is.EqualTo(new[] { "three-models" }), "the readable instance after both bad ones");
        Assert.That(LibraryResults.Read(library.File(LibraryResults.FileName)), Is.EqualTo(outcome.Results));
        Assert.That(File.Exists(Path.Combine(library.File("three-models"), LibraryResults.BestScheduleFileName)), Is.True);
    }

    private static IReadOnlyList<LibraryResult> Refresh(InstanceFolder library, params IScheduleSolver[] solvers)
        => new LibraryRefresh(solvers, SolverOptions.Default, TextWriter.Null).Run(library.Path).Results;

    /// <summary>A temporary library holding copies of bundled instances.</summary>
    private static InstanceFolder NewLibrary(params string[] instances)
    {
        InstanceFolder library = InstanceFolder.Empty();
        foreach (string name in instances)
        {
            Directory.CreateDirectory(library.File(name));
            foreach (string file in InstanceWriter.FileNames)
            {
                File.Copy(Path.Combine(RepositoryPaths.Instance(name), file), Path.Combine(library.File(name), file));
            }
        }

        return library;
    }

    /// <summary>Another solver's schedule, reported with a bound as an exact solver would.</summary>
    private sealed class BoundingSolver(IScheduleSolver inner, double bound) : IScheduleSolver
    {
        public string Name => "bounding-" + inner.Name;

        public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
            => new(inner.Solve(instance, options, cancellationToken).Schedule, SolverStatus.Feasible, bound);
    }

    /// <summary>Returns its warm start unchanged, as an exact solver that cannot improve it would.</summary>
    private sealed class WarmStartEcho : IScheduleSolver
    {
        public int? WarmStartCount { get; private set; }

        public string Name => "echo";

        public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
        {
            WarmStartCount = options.WarmStart?.Count;
            return new(options.WarmStart ?? Schedule.Empty, SolverStatus.Heuristic);
        }
    }

    private sealed class RefusingSolver : IScheduleSolver
    {
        public string Name => "refusing";

        public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
            => throw new SolverNotApplicableException("refusing: never applies");
    }

    private sealed class EmptySolver : IScheduleSolver
    {
        public string Name => "empty";

        public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
            => new(Schedule.Empty, SolverStatus.Heuristic);
    }
}
