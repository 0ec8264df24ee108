using PartialLoading.Core.Evaluation;

namespace PartialLoading.Bounds;

/// <summary>
/// The time-indexed relaxation's program (<see cref="TimeIndexedBound"/>) kept to re-price one suffix: the weight that
/// still fits in front of it, with the suffix's users left out of every path, the paths made to reach its first model
/// by its latest start, and the multipliers moved for that suffix alone (docs/model.md §10).
/// </summary>
/// <remarks>
/// Why it holds: a prefix in front of the suffix serves users P outside it and maps to a path of the program that ends
/// in the suffix's first model h by step ⌈LS/δ⌉ (the argument of <see cref="TimeIndexedPrefixTable"/>), with Σ_P floor
/// at most the bandwidth b the suffix leaves. For any μ, λ ≥ 0, Σ_P w ≤ Σ_{k outside} μ_k + λ·b/B′ + (the most such a
/// path earns at w − μ − λ·floor/B′), so every step's value is a bound and the least is kept. The root's multipliers
/// were set for the whole instance; a few steps for the suffix alone lower its bound where the root's tables cannot.
/// One instance is shared by threads; each brings its own <see cref="Workspace"/>.
/// </remarks>
public sealed class TimeIndexedFrontPricing
{
    private readonly TimeIndexedBound.Program _program;
    private readonly double[] _floor;
    private readonly int[] _localUser;  // by instance user: the program's number, −1 when it does not hold the user
    private readonly int[] _instanceUser; // by program number
    private readonly double _budgetHz;
    private readonly bool _wholeWeights;

    /// <summary>
    /// A suffix is checked for a path that serves each user once only where its priced bound stands less than this above
    /// the weight to rule out: within half a weight the check nearly always rules out in a few thousand partial paths;
    /// further up it costs more than its drops save where subtrees are short (sg40m20-5: 42.5 s against 37.5–39.8 s
    /// unchecked, 59.7 s not proved with checks within 1; docs/results/README.md).
    /// </summary>
    private const double FrontWithin = 0.5;

    internal TimeIndexedFrontPricing(TimeIndexedBound.Program program, double[] floor, RelaxationData data)
    {
        _program = program;
        _floor = floor;
        _budgetHz = data.BudgetHz;
        _wholeWeights = data.WholeWeights;
        _localUser = new int[data.Instance.Users.Length];
        Array.Fill(_localUser, -1);
        _instanceUser = new int[data.Count];
        for (int j = 0; j < data.Count; j++)
        {
            _instanceUser[j] = data.Users[program.UserOf[j]];
            _localUser[_instanceUser[j]] = j;
        }
    }

    /// <summary>δ, the program's step.</summary>
    public double StepSeconds => _program.StepSeconds;

    /// <summary>Bytes of one <see cref="Workspace"/>.</summary>
    public long WorkspaceBytes => (_program.SubsetStates * sizeof(double)) + (_instanceUser.Length * (sizeof(double) + sizeof(int) + sizeof(bool)));

    /// <summary>The scratch of one thread's re-pricing.</summary>
    public Workspace NewWorkspace() => new(_program.SubsetStates, _instanceUser.Length);

    /// <summary>
    /// A bound on the weight that fits in front of a suffix, after at most <paramref name="steps"/> subgradient steps
    /// from <paramref name="start"/>'s multipliers; it stops early once below <paramref name="goal"/>. +∞ when stopped
    /// before a first value. Unless it got below the goal, <paramref name="table"/> is the program read forwards at the
    /// multipliers of that bound, the suffix's users left out: a bound for every longer suffix
    /// (<see cref="TimeIndexedPrefixTable.InFront"/>), read up to this suffix's start.
    /// </summary>
    /// <param name="suffix">The suffix's users (instance numbers).</param>
    /// <param name="model">The suffix's first model (instance number).</param>
    /// <param name="latestStartSeconds">The latest start of the suffix's first user.</param>
    /// <param name="bandwidthLeftHz">The bandwidth the suffix leaves of B′.</param>
    /// <param name="start">The table whose multipliers the steps start from.</param>
    /// <param name="steps">Subgradient steps at most (each solves the program up to the suffix's start).</param>
    /// <param name="goal">A value below which the caller needs nothing lower.</param>
    /// <param name="workspace">This thread's scratch.</param>
    /// <param name="budget">Stops the steps.</param>
    /// <param name="table">The table for longer suffixes, or null.</param>
    /// <param name="wholeTarget">With integer weights, a weight in front to rule out where the priced bound cannot (the
    /// program's paths that serve each user once, <c>TimeIndexedBound.Program.RuleOut</c>): if none reaches it, the bound
    /// returned is one less. NaN for no such check.</param>
    /// <param name="mostPartialPaths">The most partial paths that check may keep in all (its work).</param>
    /// <param name="mostHeld">The most it may hold at once (its memory).</param>
    public double InFront(ReadOnlySpan<int> suffix, int model, double latestStartSeconds, double bandwidthLeftHz, TimeIndexedPrefixTable start, int steps, double goal, Workspace workspace, BoundBudget budget, out TimeIndexedPrefixTable? table, double wholeTarget = double.NaN, long mostPartialPaths = 0, long mostHeld = 0)
    {
        table = null;
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(budget);
        bool[] excluded = workspace.Excluded;
        Array.Clear(excluded);
        foreach (int user in suffix)
        {
            if (_localUser[user] >= 0)
            {
                excluded[_localUser[user]] = true;
            }
        }

        double[] mu = workspace.Mu;
        for (int j = 0; j < mu.Length; j++)
        {
            double m = start.Multiplier(_instanceUser[j]);
            mu[j] = double.IsNaN(m) ? 0.0 : m;
        }

        // Reaching the suffix's model by its start is asked only inside the program's horizon; past it any end will do
        // (fewer constraints, a weaker but valid bound).
        double last = Math.Ceiling(((latestStartSeconds + ScheduleEvaluator.DeadlineToleranceSeconds) / StepSeconds) + 1e-9);
        int endModel = _program.LocalModel[model];
        var front = last < _program.Horizon && endModel >= 0
            ? new TimeIndexedBound.Front(excluded, endModel, (int)Math.Max(0, last))
            : new TimeIndexedBound.Front(excluded, -1, _program.Horizon - 1);
        double lambda = start.Lambda;
        double left = Math.Max(0.0, bandwidthLeftHz) / _budgetHz;
        double first = _program.MinimizeFront(_floor, front, left, mu, ref lambda, 1, goal, workspace.Value, workspace.Served, budget);
        if (workspace.HasWarm && first >= goal && steps > 1)
        {
            // The suffix re-priced last is often a child of this one (a child's subtree grows large first): its
            // multipliers may start closer.
            double[] warm = workspace.WarmMu;
            double warmLambda = workspace.WarmLambda;
            double second = _program.MinimizeFront(_floor, front, left, warm, ref warmLambda, 1, goal, workspace.Value, workspace.Served, budget);
            steps--;
            if (second < first)
            {
                (first, lambda) = (second, warmLambda);
                Array.Copy(warm, mu, mu.Length);
            }
        }

        double least = first < goal ? first : Math.Min(first, _program.MinimizeFront(_floor, front, left, mu, ref lambda, steps, goal, workspace.Value, workspace.Served, budget));
        Array.Copy(mu, workspace.WarmMu, mu.Length);
        workspace.WarmLambda = lambda;
        workspace.HasWarm = true;
        double bound = TimeIndexedBound.WithMargin(least);
        if (_wholeWeights && !double.IsNaN(wholeTarget) && mostPartialPaths > 0 && bound >= wholeTarget && bound < wholeTarget + FrontWithin && !budget.IsSpent
            && _program.RuleOut(_floor, mu, lambda, front, left, wholeTarget, mostHeld, mostPartialPaths, budget, workspace.Value, out _) == TimeIndexedBound.ElementaryOutcome.RuledOut)
        {
            return wholeTarget - 1.0; // integer weights: less than the target is at most one less
        }

        if (double.IsFinite(bound) && !(bound < goal) && !budget.IsSpent)
        {
            table = _program.Table(_floor, new TimeIndexedBound.Multipliers([.. mu], lambda, bound), workspace.Value, front with { EndModel = -1 });
        }

        return bound;
    }

    /// <summary>The scratch of one thread's re-pricing: the program's values, multipliers and counts.</summary>
    public sealed class Workspace
    {
        internal Workspace(long states, int users)
        {
            Value = new double[states];
            Mu = new double[users];
            Served = new int[users];
            Excluded = new bool[users];
            WarmMu = new double[users];
        }

        internal double[] WarmMu { get; }

        internal double WarmLambda { get; set; }

        internal bool HasWarm { get; set; }

        internal double[] Value { get; }

        internal double[] Mu { get; }

        internal int[] Served { get; }

        internal bool[] Excluded { get; }
    }
}
