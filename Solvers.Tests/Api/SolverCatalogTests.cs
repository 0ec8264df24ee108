using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;
using PartialLoading.Heuristics.Greedy;
using PartialLoading.Heuristics.LocalSearch;
using PartialLoading.Milp;
using PartialLoading.Tests.Heuristics;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Api;

public class SolverCatalogTests
{
    private static IEnumerable<string> Names() => SolverCatalog.Names;

    [Test]
    public void Names_are_unique_and_the_default_solver_is_one_of_them()
    {
        Assert.That(SolverCatalog.Names, Is.Unique);
        Assert.That(SolverCatalog.Names, Does.Contain(SolverCatalog.DefaultSolver));
        Assert.That(Plsolve.Solvers, Is.EqualTo(SolverCatalog.All));
    }

    [TestCaseSource(nameof(Names))]
    public void Each_entry_makes_the_solver_of_its_name(string name)
    {
        SolverInfo info = SolverCatalog.Get(name);

        Assert.That(info.Create().Name, Is.EqualTo(name));
        Assert.That(info.Summary, Is.Not.Empty);
        Assert.That(info.ToString(), Is.EqualTo(name));
    }

    [TestCaseSource(nameof(Names))]
    public void Each_entry_is_held_to_the_conformance_suite(string name)
    {
        // A solver added to the catalog (one line) must also be added to SolverConformanceTests.SolverCases.
        Assert.That(SolverConformanceTests.SolverCases().Select(c => c.Name), Does.Contain(name));
    }

    [Test]
    public void Exact_searches_start_from_registered_heuristics()
    {
        // local and lns take one too, from the heuristics before them; the runner never warm-starts a search by itself
        // or by a search after it.
        Assert.That(SolverCatalog.WarmStartHeuristics.Where(h => SolverCatalog.Get(h).Traits.TakesWarmStart), Is.EqualTo(new[] { "local", "lns" }));
        Assert.That(SolverCatalog.All.Where(s => s.Traits.TakesWarmStart).Select(s => s.Name), Is.EquivalentTo(new[] { "local", "labeling", "milp", "cpsat", "lns" }));
        Assert.That(SolverCatalog.WarmStartPolicy().Heuristics.Select(h => h.Name), Is.EqualTo(SolverCatalog.WarmStartHeuristics));
        Assert.That(SolverCatalog.WarmStartHeuristicsFor("local"), Is.EqualTo(new[] { "dp" }));
        Assert.That(SolverCatalog.WarmStartHeuristicsFor("lns"), Is.EqualTo(new[] { "dp", "local" }));
        Assert.That(SolverCatalog.WarmStartHeuristicsFor("labeling"), Is.EqualTo(SolverCatalog.WarmStartHeuristics));
    }

    [TestCaseSource(nameof(Names))]
    public void Each_entry_states_traits_that_hold_together(string name)
    {
        SolverTraits traits = SolverCatalog.Get(name).Traits;

        Assert.That(traits, Is.EqualTo(SolverCatalog.Create(name).Traits), "the catalog reports the solver's own traits");
        Assert.That(traits.Kind == SolverKind.Exact, Is.EqualTo(traits.Reproducibility == Reproducibility.WhenCompleted), "exact searches are anytime; the others finish or run to a budget");
        Assert.That(traits.DefaultTimeLimit is null, Is.EqualTo(traits.Reproducibility == Reproducibility.Always), "a solver with no clock has no default limit");
    }

    [Test]
    public void A_restricted_solver_that_refuses_names_the_exact_solvers_that_take_the_instance_labeling_first()
    {
        Instance general = RandomInstances.Create(3, users: 8, models: 3, sharing: RandomSharing.General);

        var refusal = Assert.Throws<SolverNotApplicableException>(() => Plsolve.Solve(general, "dp"));

        Assert.That(refusal!.Message, Does.StartWith("dp: ").And.Not.Contain("--solver"), "library messages never name command-line flags");
        Assert.That(refusal.ApplicableSolvers, Is.EqualTo(new[] { "labeling", "milp", "cpsat", "local" }));
        foreach (string named in refusal.ApplicableSolvers)
        {
            Assert.That(() => Plsolve.Solve(general, named, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(5) }), Throws.Nothing, $"{named} takes the instance");
        }
    }

    [Test]
    public void Without_an_instance_the_suggestions_are_the_solvers_for_every_instance()
    {
        IReadOnlyList<string> suggested = SolverCatalog.ApplicableInstead(SolverCatalog.Get("dp").Traits);

        Assert.That(suggested, Is.EqualTo(new[] { "milp", "cpsat", "local" }));
        Assert.That(suggested.Select(s => SolverCatalog.Get(s).Traits.Restriction), Has.All.Null);
    }

    [Test]
    public void An_unknown_name_is_refused_with_the_known_ones()
    {
        Assert.That(SolverCatalog.Find("magic"), Is.Null);
        var refusal = Assert.Throws<ArgumentException>(() => SolverCatalog.Create("magic"));
        Assert.That(refusal!.Message, Does.StartWith("unknown solver 'magic' (known: local, lns, greedy, dp, labeling, milp, cpsat, fifo, edd, random, full-loading)"));
    }

    [Test]
    public void Greedy_and_local_take_their_part_of_the_settings()
    {
        var settings = new SolverSettings
        {
            GreedyRule = GreedyRule.MostShared,
            LocalSearch = new LocalSearchSettings { Iterations = 7, StartRule = GreedyRule.MostShared },
        };

        var greedy = (GreedySolver)SolverCatalog.Create("greedy", settings);
        var local = (LocalSearchSolver)SolverCatalog.Create("local", settings);

        Assert.That(greedy.Rule, Is.EqualTo(GreedyRule.MostShared));
        Assert.That(local.Settings, Is.EqualTo(settings.LocalSearch));
        Assert.That(((GreedySolver)SolverCatalog.Create("greedy")).Rule, Is.EqualTo(GreedyRule.LeastLoading));
    }

    [TestCase("milp")]
    [TestCase("cpsat")]
    public void Each_exact_solver_takes_its_own_part_of_the_settings(string name)
    {
        // A default time limit of nothing stops a solver before its first round: it keeps the warm start, unproved.
        Instance instance = RandomInstances.Create(3, users: 8, models: 3);
        var stopAtOnce = ExactSettings.Default with { DefaultTimeLimit = TimeSpan.FromTicks(1) };
        var settings = name == "milp"
            ? new SolverSettings { Milp = new MilpSettings { Exact = stopAtOnce } }
            : new SolverSettings { CpSat = new CpSatSettings { Exact = stopAtOnce } };
        string other = name == "milp" ? "cpsat" : "milp";
        SolveReport heuristic = Plsolve.Solve(instance, "local");
        Assert.That(heuristic.Value, Is.LessThan(instance.TotalWeight), "the instance must leave the exact solvers something to prove");

        SolveReport stopped = Plsolve.Solve(instance, name, settings: settings);
        SolveReport unaffected = Plsolve.Solve(instance, other, settings: settings);

        Assert.That(stopped.Status, Is.EqualTo(SolverStatus.Feasible));
        Assert.That(stopped.Schedule.Order, Is.EqualTo(stopped.WarmStart!.Schedule.Order), "stopped at once, it keeps its warm start");
        Assert.That(stopped.Termination, Is.EqualTo(TerminationReason.TimeLimit));
        Assert.That(stopped.Bound, Is.GreaterThan(stopped.Value));
        Assert.That(unaffected.Status, Is.EqualTo(SolverStatus.Optimal));
    }
}
