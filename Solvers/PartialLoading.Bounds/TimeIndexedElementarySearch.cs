namespace PartialLoading.Bounds;

public sealed partial class TimeIndexedBound
{
    /// <summary>What the search for a path that serves every user at most once (<c>Program.RuleOut</c>) ended with.</summary>
    internal enum ElementaryOutcome
    {
        /// <summary>No such path reaches the target: no schedule does.</summary>
        RuledOut,

        /// <summary>A path that serves each user at most once reaches the target: nothing is proved.</summary>
        Reached,

        /// <summary>Stopped by its label limit or the budget: nothing is proved.</summary>
        GaveUp,
    }

    /// <summary>
    /// The program's paths searched forwards in time with the set of users served so far, so that no user is served twice —
    /// what the multipliers μ only price. The paths are pruned by the program's own values at the multipliers of its bound.
    /// </summary>
    internal sealed partial class Program
    {
        /// <summary>
        /// Whether any path that serves each user at most once is worth <paramref name="target"/> or more, its bandwidth
        /// priced by <paramref name="at"/>'s λ alone: Σ_served (w_k − λ·floor_k/B′) + λ ≥ target. Every feasible schedule
        /// worth that much is such a path (docs/model.md §10), so <see cref="ElementaryOutcome.RuledOut"/> proves every
        /// schedule worth less than <paramref name="target"/>.
        /// </summary>
        /// <remarks>
        /// <para>
        /// A schedule worth V ≥ target is a path P whose μ-priced value is at least V − Σ_{k∈P} μ_k − λ ≥ target − Σ μ − λ.
        /// A partial path that has served the set S and stands at (model, step) can add at most the program's value from
        /// the state whose batch has served S's users of that model's group, since P's rest serves none of S; a partial path
        /// below target − Σ μ − λ with that added is dropped. Serving a user earns w − λ·floor/B′ here, so a user is
        /// served wherever that is positive, even at a μ-priced loss (the schedule's path must stay whole). Partial paths
        /// that reach the same (model, step) with the same set keep the most valuable. The search stops at the first path
        /// worth the target.
        /// </para>
        /// <para>
        /// It pays where the program's bound is a fraction above the target: on sg60-4 the bound 39.48 stands above the best
        /// schedule's 38 because the best paths serve the same users in two batches of a model with one other user in
        /// between; no path serving each once reaches 39 (3.9 million partial paths, 0.7 s; docs/results/README.md).
        /// </para>
        /// </remarks>
        /// <param name="floor">The bandwidth floors the program was built with.</param>
        /// <param name="at">The multipliers: μ prices the pruning, λ the bandwidth.</param>
        /// <param name="target">The value to rule out.</param>
        /// <param name="mostHeld">The most partial paths held at once; past it the search gives up.</param>
        /// <param name="budget">The time budget; once spent the search gives up.</param>
        /// <param name="labels">The partial paths kept.</param>
        internal ElementaryOutcome RuleOut(double[] floor, Multipliers at, double target, long mostHeld, BoundBudget budget, out long labels)
            => RuleOut(floor, at.Mu, at.Lambda, Whole, 1.0, target, mostHeld, long.MaxValue, budget, new double[_subsetStates], out labels);

        /// <summary>
        /// As <see cref="RuleOut(double[], Multipliers, double, long, BoundBudget, out long)"/> for the paths in front of a
        /// suffix (<paramref name="front"/>: they end in its first model by its start and never serve its users), worth
        /// Σ_served (w_k − λ·floor_k/B′) + λ·<paramref name="leftShare"/>, the share of the budget the suffix leaves.
        /// </summary>
        /// <param name="floor">The bandwidth floors the program was built with.</param>
        /// <param name="mu">The multipliers μ, which price the pruning.</param>
        /// <param name="lambda">The multiplier λ, which prices the bandwidth.</param>
        /// <param name="front">Where the paths end and whom they leave out.</param>
        /// <param name="leftShare">The share of B′ the suffix leaves (1 for the whole instance).</param>
        /// <param name="target">The value to rule out.</param>
        /// <param name="mostHeld">The most partial paths held at once; past it the search gives up.</param>
        /// <param name="mostKept">The most partial paths kept in all (its work); past it the search gives up.</param>
        /// <param name="budget">The time budget; once spent the search gives up.</param>
        /// <param name="value">Scratch of a state each; overwritten.</param>
        /// <param name="labels">The partial paths kept.</param>
        internal ElementaryOutcome RuleOut(double[] floor, double[] mu, double lambda, Front front, double leftShare, double target, long mostHeld, long mostKept, BoundBudget budget, double[] value, out long labels)
        {
            labels = 0;
            int n = _data.Count;
            if (n > 64)
            {
                return ElementaryOutcome.GaveUp; // a served set is one ulong
            }

            double price = lambda / _data.BudgetHz;
            double top = Solve(value, floor, mu, price, budget, front);
            if (double.IsNaN(top))
            {
                return ElementaryOutcome.GaveUp;
            }

            double sumMu = 0.0;
            for (int j = 0; j < n; j++)
            {
                sumMu += front.Excluded is { } excluded && excluded[j] ? 0.0 : mu[j];
            }

            // A margin against the rounding of the sums, in the direction that keeps paths: a path a hair short is kept.
            double given = lambda * leftShare;
            double margin = 1e-9 * (1.0 + Math.Abs(target) + sumMu + given);
            double keepAbove = target - sumMu - given - margin; // μ-priced value a partial path and its best rest must reach
            double reach = target - given - margin;             // the plain value a whole path must reach
            int last = front.Last;

            int mCount = _members.Length;
            int[] lastServed = LastServed(front);
            int steps = last + 1;
            var buckets = new Dictionary<ulong, double>?[mCount * steps];
            long live = 0;
            long kept = 0;
            bool reached = false;

            double Plain(ulong set, double v)
            {
                for (ulong rest = set; rest != 0; rest &= rest - 1)
                {
                    v += mu[System.Numerics.BitOperations.TrailingZeroCount(rest)];
                }

                return v;
            }

            void Add(int m, int t, ulong set, double v)
            {
                if (t > last)
                {
                    reached |= front.EndModel < 0 && Plain(set, v) >= reach; // the path ends past the last step, if it may
                    return;
                }

                if (v + Rest(value, m, t, set) >= keepAbove && KeepBest(buckets[(m * steps) + t] ??= [], set, v))
                {
                    live++;
                    kept++;
                }
            }

            for (int m = 0; m < mCount; m++)
            {
                if (_fromInitial[m] <= last)
                {
                    Add(m, _fromInitial[m], 0UL, 0.0);
                }
            }

            var profit = new double[n];
            var arrivals = new Dictionary<ulong, double>?[mCount];
            for (int t = 0; t <= last && !reached; t++)
            {
                if ((t & 15) == 0 && budget.IsSpent)
                {
                    labels = kept;
                    return ElementaryOutcome.GaveUp;
                }

                live += ArriveWithoutLoadTime(t, steps, buckets, arrivals, value, keepAbove);
                for (int m = 0; m < mCount && !reached; m++)
                {
                    Dictionary<ulong, double>? bucket = buckets[(m * steps) + t];
                    if (bucket is null)
                    {
                        continue;
                    }

                    buckets[(m * steps) + t] = null;
                    live -= bucket.Count;
                    int a0 = _first[m] + _dead[m][t];
                    for (int j = a0; j < _end[m]; j++)
                    {
                        profit[j] = Serves(m, j, front) ? Profit(j, t, floor, mu, price) : double.NegativeInfinity;
                    }

                    bool ends = front.Stop(m) == 0.0;
                    foreach ((ulong set, double v) in bucket)
                    {
                        if (ends && Plain(set, v) >= reach)
                        {
                            reached = true; // the path may end here
                            break;
                        }

                        if (t + 1 <= last)
                        {
                            Add(m, t + 1, set, v);
                        }

                        for (int j = a0; j < _end[m]; j++)
                        {
                            if ((set >> j & 1) == 0 && profit[j] + mu[j] > 0.0)
                            {
                                Add(m, t + _inference[m], set | (1UL << j), v + profit[j]);
                            }
                        }

                        for (int b = 0; b < mCount; b++)
                        {
                            if (b != m && _load[m, b] > 0 && t + _load[m, b] <= last)
                            {
                                if (t + _load[m, b] <= lastServed[b])
                                {
                                    Add(b, t + _load[m, b], set, v);
                                }
                                else if (front.Stop(b) == 0.0 && Plain(set, v) >= reach)
                                {
                                    reached = true; // nobody left to serve there: the path may only end there
                                }
                            }
                        }
                    }

                    if (live > mostHeld || kept > mostKept)
                    {
                        labels = kept;
                        return ElementaryOutcome.GaveUp;
                    }
                }
            }

            labels = kept;
            return reached ? ElementaryOutcome.Reached : ElementaryOutcome.RuledOut;
        }

        /// <summary>
        /// Loads that take no whole step: every partial path at step <paramref name="t"/> also starts a batch of each model
        /// reached so (the reach is transitive, so the copies do not load again at this step). Returns the partial paths added.
        /// </summary>
        private int ArriveWithoutLoadTime(int t, int steps, Dictionary<ulong, double>?[] buckets, Dictionary<ulong, double>?[] arrivals, double[] value, double keepAbove)
        {
            int mCount = _members.Length;
            bool any = false;
            for (int m = 0; m < mCount; m++)
            {
                Dictionary<ulong, double>? bucket = buckets[(m * steps) + t];
                if (bucket is null || _zeroReach[m].Length == 0)
                {
                    continue;
                }

                foreach (int b in _zeroReach[m])
                {
                    foreach ((ulong set, double v) in bucket)
                    {
                        if (v + Rest(value, b, t, set) >= keepAbove)
                        {
                            KeepBest(arrivals[b] ??= [], set, v);
                            any = true;
                        }
                    }
                }
            }

            if (!any)
            {
                return 0;
            }

            int added = 0;
            for (int b = 0; b < mCount; b++)
            {
                if (arrivals[b] is not { } arrived)
                {
                    continue;
                }

                Dictionary<ulong, double> bucket = buckets[(b * steps) + t] ??= [];
                foreach ((ulong set, double v) in arrived)
                {
                    added += KeepBest(bucket, set, v) ? 1 : 0;
                }

                arrivals[b] = null;
            }

            return added;
        }

        /// <summary>
        /// The program's most from model <paramref name="m"/>'s state at step <paramref name="t"/> whose batch has served
        /// <paramref name="set"/>'s users of the model's group (those it tracks): what the rest of a path that served the set may add.
        /// </summary>
        private double Rest(double[] value, int m, int t, ulong set)
        {
            int a0 = _first[m] + _dead[m][t];
            int tracked = Math.Min(_end[m] - a0, _tracked);
            return value[_offset[m][t] + (int)((set >> a0) & ((1UL << tracked) - 1))];
        }

        /// <summary>Keeps the better value of <paramref name="set"/> in <paramref name="bucket"/> (one lookup); true when the set is new there.</summary>
        private static bool KeepBest(Dictionary<ulong, double> bucket, ulong set, double v)
        {
            ref double kept = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(bucket, set, out bool exists);
            if (!exists || v > kept)
            {
                kept = v;
            }

            return !exists;
        }
    }
}
