using Google.OrTools.LinearSolver;
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
