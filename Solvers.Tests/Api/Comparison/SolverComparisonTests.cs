using PartialLoading.Bounds;
using System.Text.Json;
using PartialLoading.Comparison;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Core.Solving;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Api.Comparison;

public class SolverComparisonTests
{
    private static ComparisonInstance Library(string name) => new(Plsolve.ReadInstance(RepositoryPaths.Instance(name)));

    [Test]
    public void Gives_one_row_per_instance_solver_and_seed_for_catalog_and_custom_solvers()
    {
        ComparisonInstance[] instances = [Library("three-models"), Library("backbone-clusters")];
        ComparisonSolver[] solvers = [ComparisonSolver.Named("greedy"), ComparisonSolver.Of(new HeaviestFirst()), ComparisonSolver.Named("labeling")];

        ComparisonOutcome outcome = SolverComparison.Run(instances, solvers, seeds: [1, 2]);

        Assert.That(outcome.Interrupted, Is.False);
        Assert.That(
            outcome.Rows.Select(r => (r.Instance, r.Solver, r.Seed)),
            Is.EqualTo(instances.SelectMany(i => solvers.SelectMany(s => new[] { (i.Name, s.Name, 1), (i.Name, s.Name, 2) }))));
        foreach (var instance in outcome.Rows.GroupBy(r => r.Instance))
        {
            double proved = instance.Where(r => r.Solver == "labeling").Min(r => r.Bound!.Value);
            Assert.That(instance.Select(r => r.BestBound).Distinct(), Is.EqualTo(new[] { proved }), instance.Key);
            Assert.That(instance.All(r => r.Value <= r.BestBound && r.Gap == SolveReport.RelativeGap(r.Value!.Value, r.BestBound)), instance.Key);
        }
    }

    [Test]
    public void A_known_bound_below_the_total_weight_is_the_best_bound_until_a_solver_proves_a_lower_one()
    {
        Instance instance = Plsolve.ReadInstance(RepositoryPaths.Instance("backbone-clusters"));
        double optimum = Plsolve.Solve(instance, "labeling").Value;
        var known = new ComparisonInstance(instance).WithBound(new KnownBound(optimum + 1, "elsewhere"));

        var unbounded = new SolverSettings { Bound = BoundEffort.None }; // no relaxation attached: the known bound stands alone
        ComparisonRow greedy = SolverComparison.Run([known], [ComparisonSolver.Named("greedy", unbounded)]).Rows.Single();
        ComparisonRow both = SolverComparison.Run([known], [ComparisonSolver.Named("greedy", unbounded), ComparisonSolver.Named("labeling", unbounded)]).Rows[0];

        Assert.That((greedy.BestBound, greedy.BestBoundBy), Is.EqualTo((optimum + 1, "elsewhere")));
        Assert.That((both.BestBound, both.BestBoundBy), Is.EqualTo((optimum, "labeling")));
    }

    [Test]
    public void A_known_bound_for_an_instance_of_another_size_is_ignored()
    {
        Instance instance = Plsolve.ReadInstance(RepositoryPaths.Instance("three-models"));
        var stale = new ComparisonInstance(instance).WithBound(new KnownBound(0.5, "library", ForUsers: instance.Users.Length + 1));

        ComparisonRow row = SolverComparison.Run([stale], [ComparisonSolver.Named("fifo", new SolverSettings { Bound = BoundEffort.None })]).Rows.Single();

        Assert.That((row.BestBound, row.BestBoundBy), Is.EqualTo((instance.TotalWeight, "total-weight")));
    }

    [Test]
    public void Two_solvers_of_one_name_are_refused_before_any_solve()
    {
        Assert.Throws<ArgumentException>(() => SolverComparison.Run([Library("three-models")], [ComparisonSolver.Named("greedy"), ComparisonSolver.Named("greedy")]));
        Assert.Throws<ArgumentException>(() => SolverComparison.Run([Library("three-models")], [ComparisonSolver.Named("greedy")], seeds: [3, 3]));
    }

    [Test]
    public void The_json_file_holds_the_csv_columns_with_null_for_empty_cells()
    {
        ComparisonOutcome outcome = SolverComparison.Run([Library("general-sharing")], [ComparisonSolver.Named("dp"), ComparisonSolver.Named("greedy")]);
        using var stream = new MemoryStream();

        ComparisonTable.WriteJson(stream, outcome.Rows);

        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        JsonElement[] rows = [.. json.RootElement.EnumerateArray()];
        Assert.That(rows.Select(r => r.EnumerateObject().Select(p => p.Name)), Has.All.EqualTo(ComparisonTable.Columns));
        Assert.That(rows[0].GetProperty("status").GetString(), Is.EqualTo(ComparisonStatus.NotApplicable));
        Assert.That(rows[0].GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(rows[1].GetProperty("value").GetDouble(), Is.EqualTo(outcome.Rows[1].Value));
    }

    /// <summary>A heuristic of one's own: users by weight, heaviest first, each admitted when it still fits.</summary>
    private sealed class HeaviestFirst : IScheduleSolver
    {
        public string Name => "heaviest-first";

        public SolverResult Solve(Instance instance, SolverOptions options, CancellationToken cancellationToken = default)
        {
            var schedule = new AdmissionSchedule(instance);
            foreach (int user in Enumerable.Range(0, instance.Users.Length).OrderByDescending(k => instance.Users[k].Weight))
            {
                schedule.TryAppend(user);
            }

            return new SolverResult(schedule.ToSchedule(), SolverStatus.Heuristic);
        }
    }
}
