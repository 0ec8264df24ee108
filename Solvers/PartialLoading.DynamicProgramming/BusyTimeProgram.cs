using PartialLoading.Core.Evaluation;
using PartialLoading.DynamicProgramming.Trace;

namespace PartialLoading.DynamicProgramming;

/// <summary>
/// The dynamic program of docs/model.md §5 over "value served → least busy time" for bottom-layer sharing with a common
/// deadline T. It solves the scheduling relaxation (uploads instant) exactly.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why this DP is exact.</b> With a common deadline and instant uploads there is no idle time, the ends grow
/// along the sequence, and a served set S is schedulable iff some order of S has busy time (loads plus inferences)
/// at most T. Its inferences cost Σ_{k∈S} c_{m_k} in every order; only the loads depend on the order. Call a maximal
/// run of one model a batch and a maximal run of one cluster a visit. Every batch of model i loads its head H_i,
/// except a batch that starts at time 0 on the model i0 already in memory; every visit of cluster q loads its backbone
/// B_q, except a visit that starts at time 0 in i0's cluster q0 (docs/model.md §5's L). Every model used has at least one batch
/// and every cluster used at least one visit, and only one batch and one visit start at time 0, so every order of S
/// loads at least Σ_{i used} h'_i + Σ_{q used} b'_q, where h'_i = |H_i|/R (0 for i0) and b'_q = |B_q|/R (0 for q0).
/// The canonical order attains this bound: q0's visit first with i0's batch first, then every other cluster in one
/// visit, every model in one batch. Interleaving only adds loads, so serving each cluster together and each model's
/// users together is optimal. The bound is a sum over clusters, so once q0 goes first the order of the other
/// clusters (and of the models inside a cluster after i0) changes nothing; i0's head and q0's backbone are free
/// because they start the canonical order at time 0 with the memory as it is.
/// </para>
/// <para>
/// So the relaxation is a grouped knapsack: choose n_i ∈ 0..K_i users per model to maximise value subject to
/// Σ n_i·c_i + Σ_{n_i>0} h'_i + Σ_{q used} b'_q ≤ T. For a fixed n_i the model's users cost the same, so the
/// heaviest n_i are served (for unit weights, any n_i). The DP runs over clusters and, inside one, keeps two arrays:
/// <c>closed[v]</c>, the least busy time for value v before the cluster (backbone unpaid), and <c>open[v]</c>, with at
/// least one model of the cluster used (backbone paid). Model i updates
/// <c>open[v] ← min(open[v], h'_i + min_{1≤x≤K_i} src[v − P_i(x)] + x·c_i)</c> with
/// <c>src[j] = min(open[j], closed[j] + b'_q)</c> and P_i(x) the value of i's x heaviest users; at the cluster's end
/// <c>closed ← min(closed, open)</c>. The answer is the largest v with <c>closed[v] ≤ T + 1e-9</c>.
/// </para>
/// <para>
/// <b>Unit weights</b>: P_i(x) = x, so the inner minimum is <c>h'_i + v·c_i + min_{v−K_i ≤ j ≤ v−1} (src[j] − j·c_i)</c>,
/// a sliding-window minimum of width K_i kept in a monotone deque: O(1) amortised per state and O(|M|·K) in all. The
/// window is what keeps x ≤ K_i; a running prefix minimum would let a model serve users it does not have.
/// <b>Integer weights</b> (divided by their gcd): the users of a model are taken heaviest first, so P_i is
/// piecewise linear with one piece per distinct weight w; along each residue class of v mod w the piece is again a
/// sliding window, so a model costs O(W·d_i) with d_i distinct weights, at most the O(K_i·W) of docs/model.md §5.
/// </para>
/// <para>
/// Values above the bound <c>max n: the n smallest c fit in T</c> (unit weights) are never reached, and a state
/// whose busy time already exceeds T is never extended, so the arrays stop at the largest value still within T.
/// <b>Reconstruction memory.</b> Unit weights: the deque's front only moves forward, so a model's argmins form a
/// non-decreasing sequence stored in unary differences (<see cref="MonotoneSequence"/>, ≤ 2 bits per state), plus a
/// "used" bit per state and a "read from closed" bit per source state, plus a "cluster used" bit per value and
/// cluster: at most 4 bits per state, O(|M|·K) bits rather than words (measured: 21.7 MB for the 42.8 million states
/// of K = 1,000,000 users over 100 models, 21.0 MB for K = 100,000 over 1,000; <c>study dp-scaling</c>). Weighted: one
/// 32-bit count per state. The work arrays are five arrays of the value range (seven when weighted).
/// </para>
/// </remarks>
internal static class BusyTimeProgram
{
    /// <summary>Solves the relaxation; returns null when <paramref name="stop"/> says so between two models.</summary>
    public static RelaxedOptimum? Solve(BottomLayerProblem problem, Func<bool>? stop = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        double limit = problem.DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds;
        int cap = ValueCap(problem, limit);
        var work = new WorkArrays(cap, weighted: !problem.UnitWeights);
        double[] closed = work.Closed;
        double[] open = work.Open;
        var decisions = new ModelDecisions[problem.ModelCount];
        var clusterUsed = new Bits[problem.ClusterCount];
        int reach = 0; // the largest value whose closed busy time is within T
        long states = 0;
        for (int q = 0; q < problem.ClusterCount; q++)
        {
            int first = problem.ClusterStart[q];
            int end = problem.ClusterStart[q + 1];
            long clusterValue = 0;
            for (int m = first; m < end; m++)
            {
                clusterValue += ValueOf(problem, m);
            }

            int top = (int)Math.Min(cap, reach + clusterValue);
            open.AsSpan(0, top + 1).Fill(double.PositiveInfinity);
            int before = reach;
            int highest = reach;
            for (int m = first; m < end; m++)
            {
                if (stop?.Invoke() == true)
                {
                    return null;
                }

                int after = (int)Math.Min(cap, before + ValueOf(problem, m));
                decisions[m] = problem.UnitWeights
                    ? SlidingWindowStep(work, problem.BackboneSeconds[q], problem.HeadSeconds[m], problem.InferenceSeconds[m], problem.UserStart[m + 1] - problem.UserStart[m], before, after)
                    : WeightedStep(work, FillSources(work, problem.BackboneSeconds[q], before), problem.HeadSeconds[m], problem.InferenceSeconds[m], problem.WeightsOf(m), before, after);
                states += after;
                highest = Math.Max(highest, after);
                before = Math.Max(reach, LastWithin(open, after, limit));
            }

            var used = new Bits(highest + 1);
            for (int v = 0; v <= highest; v++)
            {
                if (open[v] < closed[v])
                {
                    closed[v] = open[v];
                    used.Set(v);
                }
            }

            clusterUsed[q] = used;
            reach = LastWithin(closed, highest, limit);
        }

        int[] counts = Reconstruct(problem, decisions, clusterUsed, reach);
        long traceBytes = decisions.Sum(d => d.Bytes) + clusterUsed.Sum(b => b.Bytes);
        return new RelaxedOptimum(reach, closed[reach], counts, states, traceBytes);
    }

    /// <summary>An upper bound on the optimal value, so the arrays need not span all of it.</summary>
    internal static int ValueCap(BottomLayerProblem problem, double limit)
    {
        if (!problem.UnitWeights)
        {
            return (int)problem.TotalValue;
        }

        // Every schedule of n users spends at least the n smallest inference times (+1 guards the rounding).
        long fit = 0;
        double spent = 0.0;
        foreach (int m in Enumerable.Range(0, problem.ModelCount).OrderBy(m => problem.InferenceSeconds[m]))
        {
            int users = problem.UserStart[m + 1] - problem.UserStart[m];
            double c = problem.InferenceSeconds[m];
            long take = c > 0.0 ? (long)Math.Min(users, Math.Floor((limit - spent) / c)) : users;
            fit += Math.Max(0, take);
            spent += Math.Max(0, take) * c;
            if (take < users)
            {
                break;
            }
        }

        return (int)Math.Min(problem.TotalValue, fit + 1);
    }

    private static long ValueOf(BottomLayerProblem problem, int model)
    {
        if (problem.UnitWeights)
        {
            return problem.UserStart[model + 1] - problem.UserStart[model];
        }

        long value = 0;
        foreach (int w in problem.WeightsOf(model))
        {
            value += w;
        }

        return value;
    }

    /// <summary>The largest v ≤ <paramref name="from"/> with <c>values[v] ≤ limit</c> (0 always qualifies in the DP).</summary>
    private static int LastWithin(double[] values, int from, double limit)
    {
        int v = from;
        while (v > 0 && !(values[v] <= limit))
        {
            v--;
        }

        return v;
    }

    /// <summary>src[j] = min(open[j], closed[j] + backbone) for j ≤ <paramref name="before"/>; marks where closed won.</summary>
    private static Bits FillSources(WorkArrays work, double backbone, int before)
    {
        double[] open = work.Open;
        double[] closed = work.Closed;
        double[] source = work.Source;
        var fromClosed = new Bits(before + 1);
        for (int j = 0; j <= before; j++)
        {
            double s = open[j];
            double entered = closed[j] + backbone;
            if (entered < s)
            {
                s = entered;
                fromClosed.Set(j);
            }

            source[j] = s;
        }

        return fromClosed;
    }

    /// <summary>
    /// open[v] ← min(open[v], head + min_{v−users ≤ j ≤ v−1, j ≤ before} src[j] + (v − j)·c) for v = 1..after, with the
    /// window minimum of src[j] − j·c in a monotone deque (indices ascending, keys strictly ascending). One pass: src[v]
    /// is taken from open[v] just before the step overwrites it, and the deque carries the src values it needs.
    /// </summary>
    private static SlidingWindowDecisions SlidingWindowStep(WorkArrays work, double backbone, double head, double inference, int users, int before, int after)
    {
        double[] open = work.Open;
        double[] closed = work.Closed;
        int[] queue = work.Queue;
        double[] keys = work.Keys;
        double[] sources = work.Source;
        ulong[] fromClosedWords = new ulong[Bits.WordsFor(before + 1)];
        ulong[] usedWords = new ulong[Bits.WordsFor(after + 1)];
        var fromClosed = new BitWriter(fromClosedWords);
        var used = new BitWriter(usedWords);
        var argmin = new MonotoneSequence.Writer(after, before);
        used.Append(false); // value 0 never uses the model

        double pending = Source(open[0], closed[0] + backbone, ref fromClosed); // src[v − 1], to be queued at v
        int front = 0;
        int back = 0;
        for (int v = 1; v <= after; v++)
        {
            int j = v - 1;
            if (j <= before)
            {
                double key = pending - (j * inference);
                while (back > front && keys[back - 1] >= key)
                {
                    back--;
                }

                queue[back] = j;
                keys[back] = key;
                sources[back] = pending;
                back++;
            }

            // The window [v − users, v − 1] is never empty (v ≤ before + users) and its last index is always queued.
            int oldest = v - users;
            while (queue[front] < oldest)
            {
                front++;
            }

            int best = queue[front];
            argmin.Append(best);
            double candidate = sources[front] + ((v - best) * inference) + head;
            double current = open[v];
            if (v <= before)
            {
                pending = Source(current, closed[v] + backbone, ref fromClosed);
            }

            bool improves = candidate < current;
            used.Append(improves);
            if (improves)
            {
                open[v] = candidate;
            }
        }

        fromClosed.Flush();
        used.Flush();
        return new SlidingWindowDecisions(new Bits(fromClosedWords, before + 1), new Bits(usedWords, after + 1), argmin.ToSequence());
    }

    /// <summary>min(open, entered), appending whether entering the cluster (closed + backbone) won.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double Source(double open, double entered, ref BitWriter fromClosed)
    {
        bool enters = entered < open;
        fromClosed.Append(enters);
        return enters ? entered : open;
    }

    /// <summary>
    /// The weighted step: users heaviest first, so serving x users is worth P(x), piecewise linear with one piece per
    /// distinct weight w (all heavier users taken, then y of weight w). For one piece, value v reads source
    /// j = v − P_before − y·w, so along each residue class of v mod w it is a sliding window of width (users of weight w).
    /// </summary>
    private static DenseDecisions WeightedStep(WorkArrays work, Bits fromClosed, double head, double inference, ReadOnlySpan<int> weights, int before, int after)
    {
        double[] open = work.Open;
        double[] source = work.Source;
        int[] queue = work.Queue;
        double[] keys = work.Keys;
        double[] best = work.Best!;
        int[] bestCount = work.BestCount!;
        best.AsSpan(0, after + 1).Fill(double.PositiveInfinity);
        int taken = 0;   // users of the heavier pieces, all served
        int value = 0;   // their value
        while (taken < weights.Length)
        {
            int w = weights[taken];
            int size = 1;
            while (taken + size < weights.Length && weights[taken + size] == w)
            {
                size++;
            }

            for (int r = 0; r < w; r++)
            {
                // Chain position t is value v = value + r + t·w; source t' is j = r + t'·w, serving y = t − t' of this piece.
                int front = 0;
                int back = 0;
                for (int t = 1; ; t++)
                {
                    int v = value + r + (t * w);
                    if (v > after)
                    {
                        break;
                    }

                    int j = r + ((t - 1) * w);
                    if (j <= before)
                    {
                        double key = source[j] - ((t - 1) * inference);
                        while (back > front && keys[back - 1] >= key)
                        {
                            back--;
                        }

                        queue[back] = t - 1;
                        keys[back] = key;
                        back++;
                    }

                    while (front < back && queue[front] < t - size)
                    {
                        front++;
                    }

                    if (front == back)
                    {
                        if (j > before)
                        {
                            break; // nothing queued and nothing more to queue
                        }

                        continue;
                    }

                    int from = queue[front];
                    int served = taken + (t - from);
                    double candidate = source[r + (from * w)] + (served * inference);
                    if (candidate < best[v])
                    {
                        best[v] = candidate;
                        bestCount[v] = served;
                    }
                }
            }

            taken += size;
            value += size * w;
        }

        var counts = new int[after + 1];
        for (int v = 1; v <= after; v++)
        {
            double candidate = best[v] + head;
            if (candidate < open[v])
            {
                open[v] = candidate;
                counts[v] = bestCount[v];
            }
        }

        return new DenseDecisions(fromClosed, counts);
    }

    /// <summary>Walks the decisions back from the optimal value: clusters last to first, models last to first.</summary>
    private static int[] Reconstruct(BottomLayerProblem problem, ModelDecisions[] decisions, Bits[] clusterUsed, int value)
    {
        var counts = new int[problem.ModelCount];
        int v = value;
        for (int q = problem.ClusterCount - 1; q >= 0 && v > 0; q--)
        {
            if (v >= clusterUsed[q].Length || !clusterUsed[q].Get(v))
            {
                continue; // the cluster is not used on the optimal path
            }

            bool entered = false;
            for (int m = problem.ClusterStart[q + 1] - 1; m >= problem.ClusterStart[q] && !entered; m--)
            {
                int x = decisions[m].CountAt(v);
                if (x == 0)
                {
                    continue;
                }

                counts[m] = x;
                int source = v - HeaviestValue(problem, m, x);
                entered = decisions[m].FromClosed.Get(source);
                v = source;
            }

            if (!entered)
            {
                throw new InvalidOperationException("The DP trace does not open the cluster it uses; this is a defect.");
            }
        }

        if (v != 0)
        {
            throw new InvalidOperationException("The DP trace does not return to value 0; this is a defect.");
        }

        return counts;
    }

    /// <summary>P_m(x): the value of model m's x heaviest users.</summary>
    private static int HeaviestValue(BottomLayerProblem problem, int model, int x)
    {
        if (problem.UnitWeights)
        {
            return x;
        }

        int value = 0;
        foreach (int w in problem.WeightsOf(model)[..x])
        {
            value += w;
        }

        return value;
    }

    /// <summary>The arrays of one run, each spanning values 0..cap.</summary>
    private sealed class WorkArrays
    {
        public WorkArrays(int cap, bool weighted)
        {
            Closed = new double[cap + 1];
            Array.Fill(Closed, double.PositiveInfinity);
            Closed[0] = 0.0;
            Open = new double[cap + 1];
            Source = new double[cap + 1];
            Queue = new int[cap + 1];
            Keys = new double[cap + 1];
            if (weighted)
            {
                Best = new double[cap + 1];
                BestCount = new int[cap + 1];
            }
        }

        public double[] Closed { get; }

        public double[] Open { get; }

        public double[] Source { get; }

        public int[] Queue { get; }

        public double[] Keys { get; }

        public double[]? Best { get; }

        public int[]? BestCount { get; }
    }
}
