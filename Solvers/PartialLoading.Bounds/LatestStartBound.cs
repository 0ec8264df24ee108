using PartialLoading.Core.Model;

namespace PartialLoading.Bounds;

/// <summary>
/// <c>latest-start-dp</c>: for bottom-layer sharing with a common deadline, the bandwidth budget priced by λ with each
/// served user charged at (a floor of) the bandwidth of its <i>real</i> latest start, not of T − c_k: a dynamic
/// program from the back over the work after a batch (<see cref="LatestStartProgram"/>) builds schedules batch by
/// batch, and "each user at most once", which the program cannot see across batches, is priced by multipliers μ_k.
/// λ and μ are set by Polyak subgradient steps after a grid over λ.
/// </summary>
/// <remarks>
/// <para>
/// <b>Validity.</b> Take a feasible schedule and cut it into batches (maximal runs of one model). With a common deadline
/// T the user at position p from the back of a batch has latest start LS = T − W − (p + 1)·c_i ≤ T + tol − W − c_i,
/// W the work (loads and inferences) after the batch, so its bandwidth is at least β_k(T + tol − W − c_i) (β decreases;
/// the floor is shrunk by a relative 1e-5 for β's error and to float). The load into a batch of model i is its head h_i
/// plus, when the batch before it is of another cluster, the cluster's backbone (docs/model.md §5); only the first batch
/// may be spared them (by the initial memory). The program's step adds the head and x inferences, and the backbone of
/// the batch it is put in front of when the clusters differ, each rounded <i>down</i> to whole cells of
/// (T + tolerances)/G, so the cells of a path never exceed the schedule's work after each batch: prices are read at a
/// later time (lower β, coarser price levels rounded down again) and every schedule fits the capacity (G cells, less
/// the front cluster's backbone, or plus the initial model's head rounded up when the front cluster is the initial
/// one). So the schedule's batches form a path of the program, each batch worth at most the sum of the x largest
/// positive profits w_k − μ_k − λ·β_k of its model at that cell (its own x distinct users are worth no more) less λ
/// times a floor on what the places before the last add: the user p places earlier starts by t − p·c_i, and β is convex
/// and decreasing, so it pays at least p·c_i·|β_k′(t)| more, |β_k′(t)| at least the secant to the next later price level;
/// the x smallest secants of the model, the smallest paired with the farthest place, bound that for any x users. A
/// path from a state with fewer cells can do all the same at lower prices. Hence, for λ, μ ≥ 0,
/// Σ_served w ≤ λ·B(1 + 1e-9) + Σ_k μ_k + max over paths — the bound U(λ, μ); every U evaluated is kept if smallest.
/// </para>
/// <para>
/// <b>Why batches, not users.</b> A program over single positions with μ per user (tried, docs/model.md §10) lets a
/// batch repeat its best user at no loading cost and converges to a weak path relaxation; here a batch's users are
/// distinct and every repeated batch pays its head load again, so μ only has to stop repeats across batches.
/// Every batch must advance the program by at least one cell (no cycles), so the cells are no longer than the
/// shortest head load plus inference; the relaxation does not apply when that is (almost) zero.
/// </para>
/// </remarks>
public sealed class LatestStartBound : IRelaxation
{
    /// <summary>Steps without a better U before the target moves closer (many multipliers: patience pays).</summary>
    private const int StaleLimit = 20;

    /// <summary>The first target lies this share below the first U.</summary>
    private const double GapShare = 0.1;

    /// <summary>Fewer subgradient steps than this rarely beat the other relaxations: the instance is skipped instead.</summary>
    private const int MinSteps = 30;

    private readonly int _cells;
    private readonly int _levels;
    private readonly int _gridPoints;
    private readonly int _iterations;
    private readonly double _maxWork;

    /// <summary>Creates the relaxation.</summary>
    /// <param name="cells">Cells G of the work axis (more when the shortest batch needs them).</param>
    /// <param name="levels">Price levels (β read at work rounded down to a level).</param>
    /// <param name="gridPoints">Geometric grid points of λ before the subgradient steps.</param>
    /// <param name="iterations">Subgradient steps on (λ, μ) (at most; the work cap may allow fewer).</param>
    /// <param name="maxWork">Most (cell, user) transitions over all passes: large instances take fewer steps, and none (+∞) when the λ grid and as many steps would not fit.</param>
    public LatestStartBound(int cells = 2048, int levels = 512, int gridPoints = 8, int iterations = 300, double maxWork = 6e7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridPoints, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWork, 1.0);
        (_cells, _levels, _gridPoints, _iterations, _maxWork) = (cells, levels, gridPoints, iterations, maxWork);
    }

    /// <inheritdoc/>
    public string Name => "latest-start-dp";

    /// <inheritdoc/>
    public RelaxationBound Compute(Instance instance, BoundBudget budget)
        => RelaxationRun.Run(Name, instance, budget, data =>
        {
            if (BackboneLayout.Of(data, out string? whyNot) is not BackboneLayout layout)
            {
                return RelaxationRun.Outcome.NotApplicable(whyNot!);
            }

            if (LatestStartProgram.CellsFor(data, layout, _cells, out whyNot) is not int cells)
            {
                return RelaxationRun.Outcome.NotApplicable(whyNot!);
            }

            // Each pass costs about K·G: an instance too large for the work cap to allow the λ grid and enough steps to
            // converge is skipped before the β table is built.
            double affordable = _maxWork / ((double)data.Count * cells);
            if (affordable < _gridPoints + 1 + MinSteps)
            {
                return new RelaxationRun.Outcome(double.PositiveInfinity, true, FormattableString.Invariant($"skipped: {data.Count} users × {cells} cells allow {Math.Floor(affordable)} passes"));
            }

            LatestStartProgram program = LatestStartProgram.Create(data, layout, cells, _levels);
            int steps = (int)Math.Min(_iterations, affordable - (_gridPoints + 1));
            (double value, int done, double lambda) = Minimize(data, program, steps, budget);

            // U sums up to K terms of float-rounded prices shrunk far more than their error; a relative 1e-10 covers the sums.
            value += 1e-10 * Math.Abs(value);
            return new RelaxationRun.Outcome(value, !budget.IsSpent, FormattableString.Invariant($"λ = {lambda:G4} per Hz, {done} passes, {cells} cells"));
        });

    private (double Value, int Passes, double Lambda) Minimize(RelaxationData data, LatestStartProgram program, int steps, BoundBudget budget)
    {
        int n = data.Count;
        double budgetHz = data.BudgetHz;
        var mu = new double[n];
        var visits = new int[n];
        double best = double.PositiveInfinity;
        double bestLambda = 0.0;
        int passes = 0;

        // λ alone first (μ = 0): 0 and a geometric grid around the median w/β̄.
        double scale = LagrangianSearch.Scale(data);
        for (int i = -1; i < _gridPoints && !budget.IsSpent; i++)
        {
            double perHz = i < 0 || !(scale > 0.0) ? 0.0 : scale * Math.Pow(4.0, -4.0 + (7.0 * i / Math.Max(1, _gridPoints - 1)));
            double u = (perHz * budgetHz) + program.Solve(mu, perHz, visits, out _);
            passes++;
            if (u < best)
            {
                (best, bestLambda) = (u, perHz);
            }
        }

        // Then (Λ = λ·B′, μ) by Polyak steps toward a target below the best U, the target's gap halved when stale.
        double big = bestLambda * budgetHz;
        double gap = double.NaN;
        int stale = 0;
        for (int s = 0; s < steps && !budget.IsSpent; s++)
        {
            double muTotal = mu.Sum();
            double u = big + muTotal + program.Solve(mu, big / budgetHz, visits, out double bandwidth);
            passes++;
            if (double.IsNaN(gap))
            {
                gap = GapShare * u;
            }

            if (u < best - 1e-12)
            {
                (best, bestLambda) = (u, big / budgetHz);
                stale = 0;
            }
            else if (++stale >= StaleLimit)
            {
                gap /= 2;
                stale = 0;
            }

            double gBig = 1.0 - (bandwidth / budgetHz);
            double norm = gBig < 0.0 || big > 0.0 ? gBig * gBig : 0.0;
            for (int k = 0; k < n; k++)
            {
                double g = 1.0 - visits[k];
                if (g < 0.0 || mu[k] > 0.0)
                {
                    norm += g * g;
                }
            }

            if (norm <= 0.0)
            {
                break; // the maximum is a schedule that uses the budget exactly: nothing to move
            }

            double step = (u - (best - gap)) / norm;
            big = Math.Max(0.0, big - (step * gBig));
            for (int k = 0; k < n; k++)
            {
                mu[k] = Math.Max(0.0, mu[k] - (step * (1.0 - visits[k])));
            }
        }

        return (best, passes, bestLambda);
    }
}
