namespace PartialLoading.Heuristics.Admission;

/// <summary>
/// A run of consecutive positions of an <see cref="AdmissionSchedule"/> that share one suffix-minimum slack m, with
/// bounds on their total least bandwidth <c>G(m′) = Σ_p β_p(σ⁰_p + m′)</c> for every m′ ≤ m the run may still reach.
/// </summary>
/// <remarks>
/// <para>
/// Latest starts are <c>LS_p = σ⁰_p + min_{j ≥ p} (T_j − e⁰_j)</c> (the instant start plus the least slack from p
/// on), so appending a user with slack s sets the suffix minimum of every earlier position to min(m, s): the positions
/// whose minimum exceeds s are a run at the end, and they all move to s together. G is decreasing and convex in m
/// (each β is, docs/model.md §4), which gives two kinds of cheap bounds once G has been evaluated somewhere:
/// </para>
/// <list type="bullet">
/// <item>below: the tangent line at an evaluated point, and G(m) itself for every smaller m′;</item>
/// <item>above: the chord between two points where upper bounds of G are known (convexity keeps G under it), here the
/// polyline through (Slack, Upper), (KnotAt, KnotValue) and (FloorAt, FloorValue); below FloorAt nothing is known.</item>
/// </list>
/// <para>Sums of bounds are bounds of the sum, so merging runs merges their bounds in O(1) per run.</para>
/// </remarks>
internal struct SlackGroup
{
    /// <summary>The first position of the run; it ends where the next run starts.</summary>
    public int Start;

    /// <summary>The suffix-minimum slack m shared by the run, seconds.</summary>
    public double Slack;

    /// <summary>A lower bound of G(Slack).</summary>
    public double Lower;

    /// <summary>An upper bound of G(Slack); equal to <see cref="Lower"/> when G(Slack) is known exactly.</summary>
    public double Upper;

    /// <summary>The point of the tangent: G(m) ≥ TangentValue + TangentSlope·(TangentAt − m) for every m.</summary>
    public double TangentAt;

    /// <summary>The tangent's value at <see cref="TangentAt"/>.</summary>
    public double TangentValue;

    /// <summary>−G′ at <see cref="TangentAt"/>, non-negative.</summary>
    public double TangentSlope;

    /// <summary>An intermediate point of the upper polyline (equal to Slack when there is none).</summary>
    public double KnotAt;

    /// <summary>An upper bound of G(KnotAt).</summary>
    public double KnotValue;

    /// <summary>The deepest slack with a known upper bound; G is not bounded above below it.</summary>
    public double FloorAt;

    /// <summary>An upper bound of G(FloorAt).</summary>
    public double FloorValue;

    /// <summary>A slack at or below which some position of the run would have no time to upload (G = +∞).</summary>
    public double PoleSlack;

    /// <summary>Σ Lower over this run and every run before it.</summary>
    public double CumulativeLower;

    /// <summary>Σ Upper over this run and every run before it.</summary>
    public double CumulativeUpper;

    /// <summary>True when G(Slack) is known exactly.</summary>
    public readonly bool IsExact => Lower == Upper;

    /// <summary>A run of one position with G known at its slack and at a deeper floor.</summary>
    public static SlackGroup Single(int position, double slack, double least, double slope, double floorAt, double floorValue, double poleSlack) => new()
    {
        Start = position,
        Slack = slack,
        Lower = least,
        Upper = least,
        TangentAt = slack,
        TangentValue = least,
        TangentSlope = slope,
        KnotAt = slack,
        KnotValue = least,
        FloorAt = floorAt,
        FloorValue = floorValue,
        PoleSlack = poleSlack,
    };

    /// <summary>A lower bound of G(m) for m ≤ Slack.</summary>
    public readonly double LowerAt(double m) => Math.Max(Lower, TangentValue + (TangentSlope * (TangentAt - m)));

    /// <summary>An upper bound of G(m) for m ≤ Slack, +∞ below the floor.</summary>
    public readonly double UpperAt(double m)
    {
        if (m >= Slack)
        {
            return Upper;
        }

        if (m < FloorAt)
        {
            return double.PositiveInfinity;
        }

        return m >= KnotAt
            ? Interpolate(Slack, Upper, KnotAt, KnotValue, m)
            : Interpolate(KnotAt, KnotValue, FloorAt, FloorValue, m);
    }

    /// <summary>Records an exact evaluation G(at) = <paramref name="value"/> with −G′(at) = <paramref name="slope"/>, at ≤ Slack.</summary>
    public void Record(double at, double value, double slope)
    {
        TangentAt = at;
        TangentValue = value;
        TangentSlope = slope;
        if (at >= Slack)
        {
            Lower = value;
            Upper = value;
            KnotAt = at; // the polyline restarts from the exact value; the floor stays
            KnotValue = value;
        }
        else if (at >= FloorAt)
        {
            KnotAt = at;
            KnotValue = value;
        }
        else
        {
            // The old floor was above this point: the point is now the deepest one known.
            KnotAt = at;
            KnotValue = value;
            FloorAt = at;
            FloorValue = value;
        }
    }

    /// <summary>Records an exact value deeper than every point known so far, extending the upper polyline to it.</summary>
    public void RecordFloor(double at, double value)
    {
        FloorAt = at;
        FloorValue = value;
    }

    /// <summary>Merges consecutive runs that all move to <paramref name="slack"/> (at most each one's own slack).</summary>
    public static SlackGroup Merge(ReadOnlySpan<SlackGroup> parts, double slack)
    {
        double floor = double.NegativeInfinity;
        double pole = double.NegativeInfinity;
        foreach (SlackGroup part in parts)
        {
            floor = Math.Max(floor, part.FloorAt);
            pole = Math.Max(pole, part.PoleSlack);
        }

        floor = Math.Min(floor, slack);
        var merged = new SlackGroup { Start = parts[0].Start, Slack = slack, TangentAt = slack, KnotAt = slack, FloorAt = floor, PoleSlack = pole };
        foreach (SlackGroup part in parts)
        {
            merged.Lower += part.LowerAt(slack);
            merged.Upper += part.UpperAt(slack);
            merged.TangentValue += part.TangentValue + (part.TangentSlope * (part.TangentAt - slack));
            merged.TangentSlope += part.TangentSlope;
            merged.FloorValue += part.UpperAt(floor);
        }

        merged.Lower = Math.Min(merged.Lower, merged.Upper); // the same number summed in another order may differ by an ulp
        merged.KnotValue = merged.Upper;
        return merged;
    }

    private static double Interpolate(double x0, double y0, double x1, double y1, double m)
    {
        // The end points exactly (so an exact value read back stays exact), the chord in between.
        if (m == x1)
        {
            return y1;
        }

        return m >= x0 ? y0 : y0 + ((y1 - y0) * ((x0 - m) / (x0 - x1)));
    }
}
