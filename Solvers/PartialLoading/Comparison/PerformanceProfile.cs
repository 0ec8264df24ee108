namespace PartialLoading.Comparison;

/// <summary>
/// A Dolan–Moré performance profile of the values of a comparison (Dolan and Moré, Math. Program. 91, 2002, with
/// value in place of cost): on each problem p, a run of one instance with one seed, solver s has ratio
/// r(p, s) = best(p) / value(p, s), where best(p) is the highest value any solver reached on p; ρ_s(τ) is the share
/// of problems with r(p, s) ≤ τ. ρ_s(1) is the share where s is best; 1 − ρ_s(τ) for large τ is the share where s
/// gave no result or served nobody where another solver served someone (ratio ∞).
/// </summary>
public sealed class PerformanceProfile
{
    private readonly Dictionary<string, double[]> _ratios;

    private PerformanceProfile(IReadOnlyList<string> solvers, int problems, Dictionary<string, double[]> ratios)
    {
        Solvers = solvers;
        Problems = problems;
        _ratios = ratios;
    }

    /// <summary>The solvers, in order of first appearance.</summary>
    public IReadOnlyList<string> Solvers { get; }

    /// <summary>n: problems (instance × seed pairs) in the profile.</summary>
    public int Problems { get; }

    /// <summary>
    /// The profile of <paramref name="rows"/>. A problem counts when some row holds it; a solver without a row on
    /// it has ratio ∞ there; when the best value is 0 (nobody can be served), every result has ratio 1.
    /// </summary>
    public static PerformanceProfile Of(IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        List<ComparisonRow> list = [.. rows];
        List<string> solvers = [.. list.Select(r => r.Solver).Distinct(StringComparer.Ordinal)];
        var problems = list.GroupBy(r => (r.Instance, r.Seed)).ToList();
        var ratios = solvers.ToDictionary(s => s, _ => new double[problems.Count], StringComparer.Ordinal);
        for (int p = 0; p < problems.Count; p++)
        {
            double best = problems[p].Where(r => r.HasResult).Select(r => r.Value!.Value).DefaultIfEmpty(0.0).Max();
            foreach (string solver in solvers)
            {
                double? value = problems[p].FirstOrDefault(r => r.Solver == solver && r.HasResult)?.Value;
                ratios[solver][p] = value switch
                {
                    null => double.PositiveInfinity,
                    _ when best <= 0.0 => 1.0,
                    double v when v <= 0.0 => double.PositiveInfinity,
                    double v => Math.Max(1.0, best / v),
                };
            }
        }

        foreach (double[] r in ratios.Values)
        {
            Array.Sort(r);
        }

        return new PerformanceProfile(solvers, problems.Count, ratios);
    }

    /// <summary>ρ_s(τ): the share of problems on which <paramref name="solver"/> is within factor <paramref name="tau"/> of the best.</summary>
    /// <exception cref="ArgumentException">The solver is not in the profile.</exception>
    public double Share(string solver, double tau)
    {
        double[] r = Ratios(solver);
        return Problems == 0 ? 0.0 : r.Count(x => x <= tau) / (double)Problems;
    }

    /// <summary>
    /// The corners of <paramref name="solver"/>'s step function: (τ, ρ(τ)) at τ = 1 and at every finite ratio where it
    /// rises, τ ascending; ρ stays at the last share for every larger τ.
    /// </summary>
    public IReadOnlyList<(double Tau, double Share)> Steps(string solver)
    {
        double[] r = Ratios(solver);
        var steps = new List<(double, double)> { (1.0, Share(solver, 1.0)) };
        foreach (double tau in r.Where(x => x > 1.0 && double.IsFinite(x)).Distinct())
        {
            steps.Add((tau, Share(solver, tau)));
        }

        return steps;
    }

    /// <summary>The largest finite ratio of any solver (at least 1): a τ axis up to it shows every rise.</summary>
    public double LargestFiniteRatio => _ratios.Values.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(1.0).Max();

    private double[] Ratios(string solver)
        => _ratios.TryGetValue(solver, out double[]? r) ? r : throw new ArgumentException($"'{solver}' is not in the profile.", nameof(solver));
}
