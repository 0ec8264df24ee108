namespace PartialLoading.Bounds;

/// <summary>
/// Searches the multiplier λ ≥ 0 of a Lagrangian bound U(λ): λ = 0, a geometric grid around a natural scale, then
/// golden-section steps inside the bracket of the best grid point. Every U(λ) evaluated is itself a valid bound,
/// so the least one found is returned whatever the shape of U (a bounded inner maximum need not keep U convex).
/// </summary>
internal static class LagrangianSearch
{
    /// <summary>The least U(λ) over the evaluated λ, the λ that gave it, and whether the search ran to its end.</summary>
    public static (double Value, double Lambda, bool Completed) Minimize(Func<double, double?> bound, double scale, int gridPoints, int refinements, BoundBudget budget)
    {
        double best = double.PositiveInfinity;
        double bestLambda = 0.0;
        if (bound(0.0) is double atZero)
        {
            best = atZero;
        }
        else
        {
            return (best, 0.0, false);
        }

        if (!(scale > 0.0) || !double.IsFinite(scale))
        {
            return (best, 0.0, true);
        }

        // λ = scale·4^s for s spread over [−4, 3]: from far below to far above the typical value per hertz.
        var grid = new double[gridPoints];
        var values = new double[gridPoints];
        int bestIndex = -1;
        for (int i = 0; i < gridPoints; i++)
        {
            grid[i] = scale * Math.Pow(4.0, -4.0 + (7.0 * i / Math.Max(1, gridPoints - 1)));
            if (bound(grid[i]) is not double value)
            {
                return (best, bestLambda, false);
            }

            values[i] = value;
            if (value < best)
            {
                best = value;
                bestLambda = grid[i];
                bestIndex = i;
            }
        }

        if (bestIndex < 0)
        {
            return (best, bestLambda, true);
        }

        double lo = bestIndex > 0 ? grid[bestIndex - 1] : 0.0;
        double hi = bestIndex < gridPoints - 1 ? grid[bestIndex + 1] : grid[bestIndex] * 4.0;
        double ratio = (Math.Sqrt(5.0) - 1.0) / 2.0;
        double a = hi - (ratio * (hi - lo));
        double b = lo + (ratio * (hi - lo));
        double? fa = bound(a);
        double? fb = bound(b);
        for (int step = 0; step < refinements && fa is double va && fb is double vb; step++)
        {
            if (va < best)
            {
                (best, bestLambda) = (va, a);
            }

            if (vb < best)
            {
                (best, bestLambda) = (vb, b);
            }

            if (va <= vb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (ratio * (hi - lo));
                fa = bound(a);
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (ratio * (hi - lo));
                fb = bound(b);
            }
        }

        foreach ((double? f, double l) in new[] { (fa, a), (fb, b) })
        {
            if (f is double v && v < best)
            {
                (best, bestLambda) = (v, l);
            }
        }

        return (best, bestLambda, fa is not null && fb is not null);
    }

    /// <summary>
    /// The Lagrangian bound of a relaxation: min over the λ searched of λ·B(1 + 1e-9) + <paramref name="inner"/>(p),
    /// p_k = w_k − λ·β̄_k, where <paramref name="inner"/> bounds max Σ p over the served users of every feasible
    /// schedule (null when the budget ran out).
    /// </summary>
    public static RelaxationRun.Outcome Run(RelaxationData data, Func<double[], double?> inner, int gridPoints, int refinements, BoundBudget budget)
    {
        var profit = new double[data.Count];
        double? Bound(double lambda)
        {
            Profits(data, lambda, profit);
            return inner(profit) is double value ? (lambda * data.BudgetHz) + value : null;
        }

        (double bound, double best, bool completed) = Minimize(Bound, Scale(data), gridPoints, refinements, budget);
        return new RelaxationRun.Outcome(bound, completed, FormattableString.Invariant($"λ = {best:G4} per Hz"));
    }

    /// <summary>The median of w/β over the users with a positive floor: the value of a hertz at which half of them pay off.</summary>
    public static double Scale(RelaxationData data)
    {
        double[] ratios = [.. Enumerable.Range(0, data.Count).Where(k => data.BandwidthFloor[k] > 0.0).Select(k => data.Weight[k] / data.BandwidthFloor[k]).Order()];
        return ratios.Length == 0 ? 0.0 : ratios[ratios.Length / 2];
    }

    /// <summary>p_k = w_k − λ·β̄_k into <paramref name="profit"/>.</summary>
    public static void Profits(RelaxationData data, double lambda, double[] profit)
    {
        for (int k = 0; k < data.Count; k++)
        {
            profit[k] = data.Weight[k] - (lambda * data.BandwidthFloor[k]);
        }
    }
}
