namespace PartialLoading.Bounds;

public sealed partial class TimeIndexedBound
{
    internal sealed partial class Program
    {
        /// <summary>
        /// The steps at which each user may still be served in a schedule worth <paramref name="target"/>
        /// (<see cref="TimeIndexedStartWindows"/>), from the program read forwards (<paramref name="reach"/>) and backwards
        /// (<paramref name="back"/>, from <see cref="Solve(double[], double[], double[], double, BoundBudget)"/>) at the
        /// same multipliers <paramref name="at"/>: about one more pass over the states.
        /// </summary>
        internal TimeIndexedStartWindows StartWindows(double[] floor, Multipliers at, double[] reach, double[] back, double target)
        {
            int n = _data.Count;
            double price = at.Lambda / _data.BudgetHz;
            double constant = at.Lambda;
            for (int j = 0; j < n; j++)
            {
                constant += at.Mu[j];
            }

            // A path through (user, step) stays open at this much or more; the margin is far above the sums' rounding
            // (n + 1 multipliers and at most n profits) and far below a weight.
            double need = target - constant - (1e-6 * (1.0 + Math.Abs(target)));
            var steps = new ulong[]?[_data.Instance.Users.Length];
            int words = (_horizon + 63) / 64;
            for (int j = 0; j < n; j++)
            {
                steps[_data.Users[_userOf[j]]] = new ulong[words];
            }

            long allowed = 0;
            long examined = 0;
            for (int m = 0; m < _members.Length; m++)
            {
                for (int t = 0; t < _horizon; t++)
                {
                    int a0 = _first[m] + _dead[m][t];
                    int alive = _end[m] - a0;
                    int tracked = Math.Min(alive, _tracked);
                    long here = _offset[m][t];
                    int next = t + _inference[m];
                    bool continues = next < _horizon;
                    long nextBase = continues ? _offset[m][next] : 0;
                    int nextShift = continues ? _dead[m][next] - _dead[m][t] : 0;
                    for (int q = 0; q < alive; q++)
                    {
                        if (!Serves(m, a0 + q, Whole))
                        {
                            continue; // served by another model of the group
                        }

                        examined++;
                        double profit = Profit(a0 + q, t, floor, at.Mu, price);
                        if (double.IsNegativeInfinity(profit))
                        {
                            continue; // no bandwidth uploads its data by then
                        }

                        // The best path into a state of this step whose batch has not served the user (a tracked user's
                        // bit clear), the user served, and the best path on from where that leads.
                        double best = double.NegativeInfinity;
                        int bit = q < tracked ? 1 << q : 0;
                        for (int subset = 0; subset < 1 << tracked; subset++)
                        {
                            if ((subset & bit) != 0 || double.IsNegativeInfinity(reach[here + subset]))
                            {
                                continue;
                            }

                            double on = continues ? back[nextBase + ((subset | bit) >> nextShift)] : 0.0;
                            best = Math.Max(best, reach[here + subset] + profit + on);
                        }

                        if (best >= need)
                        {
                            allowed++;
                            steps[_data.Users[_userOf[a0 + q]]]![t >> 6] |= 1UL << (t & 63);
                        }
                    }
                }
            }

            return new TimeIndexedStartWindows(StepSeconds, steps, target, allowed, examined);
        }
    }
}
