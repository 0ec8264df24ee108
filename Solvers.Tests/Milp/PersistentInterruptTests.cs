using Google.OrTools.LinearSolver;
using CpModel = Google.OrTools.Sat.CpModel;
using CpSolver = Google.OrTools.Sat.CpSolver;
using CpSolverStatus = Google.OrTools.Sat.CpSolverStatus;
using BoolVar = Google.OrTools.Sat.BoolVar;
using ILiteral = Google.OrTools.Sat.ILiteral;
using PartialLoading.Milp;

namespace PartialLoading.Tests.Milp;

/// <summary>
/// Issue 19: Ctrl-C during the hand-over of a model to SCIP was lost (SCIPsolve clears the interrupt flag as it starts),
/// and milp then searched on to its time limit.
/// </summary>
public class PersistentInterruptTests
{
    [Test]
    public void An_interrupt_asked_before_the_search_starts_still_stops_scip_at_its_first_node()
    {
        using Solver solver = HardKnapsack();
        solver.SetTimeLimit(10_000);
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel(); // asked before Solve: the single InterruptSolve of the old code fell on the hand-over

        Solver.ResultStatus status;
        using (new PersistentInterrupt(solver, interrupt.Token))
        {
            status = solver.Solve();
        }

        Assert.That(status, Is.Not.EqualTo(Solver.ResultStatus.OPTIMAL));
        // SCIP stops at the first node that sees the interrupt, which is repeated every 50 ms: at its first node, or a
        // few later when other work (a milp round given up on, finishing behind its caller) delays the repeat. Left
        // alone for 2 s it takes about 190 (the test below).
        Assert.That(solver.Nodes(), Is.LessThanOrEqualTo(20), "SCIP searched on after the interrupt");
    }

    [Test]
    public void Without_an_interrupt_the_same_search_branches()
    {
        using Solver solver = HardKnapsack();
        solver.SetTimeLimit(2_000);
        using var never = new CancellationTokenSource();

        using (new PersistentInterrupt(solver, never.Token))
        {
            solver.Solve();
        }

        Assert.That(solver.Nodes(), Is.GreaterThan(1), "the model must need branching for the test above to mean anything");
    }

    [Test]
    public void A_stop_asked_before_cp_sat_starts_still_stops_its_search()
    {
        CpSolver solver = PigeonSolver(limitSeconds: 60);
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel(); // asked before Solve: a single StopSearch then finds no search to stop

        CpSolverStatus status;
        using (new PersistentInterrupt(solver, interrupt.Token))
        {
            status = solver.Solve(Pigeonhole());
        }

        Assert.That(status, Is.EqualTo(CpSolverStatus.Unknown));
        Assert.That(solver.WallTime(), Is.LessThan(30.0), "CP-SAT searched on towards its 60 s limit after the stop");
    }

    [Test]
    public void Without_a_stop_cp_sat_cannot_settle_the_same_model_quickly()
    {
        CpSolver solver = PigeonSolver(limitSeconds: 2);
        using var never = new CancellationTokenSource();

        CpSolverStatus status;
        using (new PersistentInterrupt(solver, never.Token))
        {
            status = solver.Solve(Pigeonhole());
        }

        Assert.That(status, Is.EqualTo(CpSolverStatus.Unknown), "the model must outlast 2 s for the test above to mean anything");
    }

    private static CpSolver PigeonSolver(double limitSeconds) => new()
    {
        StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"max_time_in_seconds:{limitSeconds} num_workers:1 symmetry_level:0 catch_sigint_signal:false log_to_stdout:false"),
    };

    /// <summary>Fifteen pigeons in fourteen holes: infeasible, and without symmetry reasoning slow to prove so.</summary>
    private static CpModel Pigeonhole()
    {
        const int holes = 14;
        var model = new CpModel();
        BoolVar[,] sits = new BoolVar[holes + 1, holes];
        for (int p = 0; p <= holes; p++)
        {
            for (int h = 0; h < holes; h++)
            {
                sits[p, h] = model.NewBoolVar($"p{p}h{h}");
            }

            model.AddExactlyOne(Enumerable.Range(0, holes).Select(h => (ILiteral)sits[p, h]));
        }

        for (int h = 0; h < holes; h++)
        {
            model.AddAtMostOne(Enumerable.Range(0, holes + 1).Select(p => (ILiteral)sits[p, h]));
        }

        return model;
    }

    /// <summary>A multidimensional knapsack SCIP cannot close at its root node (fixed seed).</summary>
    private static Solver HardKnapsack()
    {
        const int items = 60;
        const int dimensions = 5;
        var random = new Random(19);
        Solver solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is missing from this OR-Tools build.");
        solver.SetSolverSpecificParametersAsString("misc/catchctrlc = FALSE\n");
        Variable[] take = solver.MakeBoolVarArray(items, "take");
        for (int d = 0; d < dimensions; d++)
        {
            Constraint capacity = solver.MakeConstraint(double.NegativeInfinity, 0);
            double total = 0;
            for (int i = 0; i < items; i++)
            {
                double weight = random.Next(20, 100);
                capacity.SetCoefficient(take[i], weight);
                total += weight;
            }

            capacity.SetUb(total / 2);
        }

        Objective value = solver.Objective();
        for (int i = 0; i < items; i++)
        {
            value.SetCoefficient(take[i], random.Next(10, 100));
        }

        value.SetMaximization();
        return solver;
    }
}
