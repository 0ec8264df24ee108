namespace PartialLoading.Bandwidth;

/// <summary>
/// Accurate evaluations of <c>ln(1 + x)</c> and of the excess <c>x − ln(1 + x)</c> near zero.
/// </summary>
/// <remarks>
/// .NET's <see cref="double.LogP1(double)"/> is computed as <c>Log(x + 1)</c>, which loses every digit of
/// <c>x</c> below the rounding of <c>1 + x</c>; the least bandwidth near its pole needs those digits, so both
/// functions are written out here.
/// </remarks>
internal static class LogarithmicExcess
{
    // Below this |x| the Taylor series of x − ln(1+x) is used: the subtraction would cancel about
    // log10(2/x) digits, and 17 terms of the series already reach full precision at |x| = 0.1.
    private const double SeriesLimit = 0.1;

    /// <summary><c>ln(1 + x)</c> for <c>x &gt; −1</c>, accurate to a few ulps (Goldberg's correction).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        // ln(u) is accurate for the rounded u; scaling by x / (u − 1) corrects for that rounding.
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary><c>x − ln(1 + x)</c> for <c>x &gt; −1</c>; non-negative, zero only at <c>x = 0</c>.</summary>
    public static double Excess(double x)
    {
        double magnitude = Math.Abs(x);
        if (magnitude >= SeriesLimit)
        {
            return x - Log1P(x);
        }

        // x − ln(1+x) = x²·(1/2 − x/3 + x²/4 − …) in Horner form; the number of terms is the least that
        // reaches double precision for this |x| (the first omitted term is below 1e-17 of the leading 1/2).
        int last = magnitude < 1e-4 ? 7 : magnitude < 1e-2 ? 11 : 19;
        double h = Reciprocals[last];
        for (int k = last - 1; k >= 2; k--)
        {
            h = Reciprocals[k] - (x * h);
        }

        return x * x * h;
    }

    private static readonly double[] Reciprocals = CreateReciprocals(19);

    private static double[] CreateReciprocals(int last)
    {
        var table = new double[last + 1];
        for (int k = 1; k <= last; k++)
        {
            table[k] = 1.0 / k;
        }

        return table;
    }
}
