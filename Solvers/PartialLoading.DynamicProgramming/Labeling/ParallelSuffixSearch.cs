namespace PartialLoading.DynamicProgramming.Labeling;

/// <summary>
/// <see cref="SuffixSearch"/> on several threads: the two-user suffixes (<see cref="SuffixSearch.Split"/>) are handed
/// out best bound first to one search per thread, all sharing the incumbent and the kept labels; a thread out of them
/// takes open children from another thread's search (<see cref="SuffixSearch.TryGive"/>) until no thread holds work.
/// </summary>
/// <remarks>
/// What each thread searches is a subtree of the single-threaded search (a two-user suffix, or a child another thread
/// gave away, which that thread then never tries), and a label is dropped only for one that another part of the search
/// keeps and searches, so a completed search proves the same optimum. What may differ from
/// run to run: which optimal schedule is reported (the first thread to reach the optimum installs its schedule), how
/// many labels are expanded and kept, and, when stopped early, the value and bound reached.
/// </remarks>
internal sealed class ParallelSuffixSearch
{
    /// <summary>Stack of each search thread: the recursion goes one frame per user served.</summary>
    private const int StackBytes = 64 << 20;

    private readonly SuffixSearch[] _workers;
    private readonly SharedIncumbent _incumbent;
    private readonly ShardedLabelStore _store;
    private readonly double[] _current;
    private readonly bool[] _stoppedInside;
    private readonly Func<bool> _stop;
    private readonly SequencingData _data;
    private readonly Func<TimeIndexedNodeBound?> _prices;
    private List<SuffixSearch.Subtree> _subtrees = [];
    private int _next;
    private int _busy;
    private volatile bool _stopped;

    /// <param name="data">The users and times.</param>
    /// <param name="incumbent">The value to beat, shared.</param>
    /// <param name="store">The kept labels, shared (with a shard or more per thread).</param>
    /// <param name="threads">Search threads (≥ 1).</param>
    /// <param name="improved">Called with the thread's search and the length of a better suffix (read it from its <see cref="SuffixSearch.Path"/>); true when accepted.</param>
    /// <param name="stop">Polled every so often by each thread; true stops them all.</param>
    /// <param name="toleranceSeconds">The deadline tolerance of docs/model.md §3.</param>
    /// <param name="prices">Read at every node: the time-indexed relaxation's node bound once there is one, else null.</param>
    /// <param name="repricing">Read where a suffix's subtree has grown large: the relaxation's program to re-price it, else null.</param>
    public ParallelSuffixSearch(
        SequencingData data,
        SharedIncumbent incumbent,
        ShardedLabelStore store,
        int threads,
        Func<SuffixSearch, int, bool> improved,
        Func<bool> stop,
        double toleranceSeconds,
        Func<TimeIndexedNodeBound?>? prices = null,
        Func<SuffixRepricing?>? repricing = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _incumbent = incumbent;
        _store = store;
        _stop = stop;
        _data = data;
        _prices = prices ?? (static () => null);
        _workers = new SuffixSearch[threads];

        // Once for all threads (up to seconds at 1,000 users and 16 models), and stopped with the search.
        DeadlineThresholds thresholds = DeadlineThresholds.Compute(data, PrefixBound.DeadlineBandwidths(data, toleranceSeconds), toleranceSeconds, stop: stop);
        for (int w = 0; w < threads; w++)
        {
            SuffixSearch? worker = null;
            worker = new SuffixSearch(data, incumbent, store, depth => improved(worker!, depth), () => _stopped || _stop(), toleranceSeconds, thresholds, prices, repricing);
            _workers[w] = worker;
        }

        _current = new double[threads];
        Array.Fill(_current, double.NegativeInfinity);
        _stoppedInside = new bool[threads];
    }

    /// <summary>Whether the search ran to the end: then the incumbent is optimal.</summary>
    public bool Completed { get; private set; }

    /// <summary>Labels expanded by all threads.</summary>
    public long Expanded => _workers.Sum(w => w.Expanded);

    /// <summary>Suffixes re-priced by all threads.</summary>
    public long Repriced => _workers.Sum(w => w.Repriced);

    /// <summary>Suffixes whose re-priced bound dropped their subtree, by all threads.</summary>
    public long RepricedAway => _workers.Sum(w => w.RepricedAway);

    /// <summary>Labels kept by the shared store.</summary>
    public long LabelsKept => _store.Count;

    /// <summary>Splits the search and runs it on every thread until it ends or <c>stop</c> says so.</summary>
    public void Run()
    {
        _subtrees = _workers[0].Split(out bool whole);
        if (!whole)
        {
            _stoppedInside[0] = true;
            _stopped = true;
            Completed = false;
            return;
        }

        var threads = new Thread[_workers.Length - 1];
        for (int w = 1; w < _workers.Length; w++)
        {
            int index = w;
            threads[w - 1] = new Thread(() => Work(index), StackBytes) { IsBackground = true, Name = $"labeling {index}" };
            threads[w - 1].Start();
        }

        Work(0);
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Completed = !_stopped;
    }

    /// <summary>
    /// A bound on every schedule not yet seen, or the incumbent if larger. While the threads run it takes each running
    /// subtree at its own bound; once they are done, at the bound of what is left open inside it.
    /// </summary>
    public double OpenBound()
    {
        double bound = _incumbent.Value;
        int taken = Math.Min(Volatile.Read(ref _next), _subtrees.Count);
        TimeIndexedNodeBound? prices = _prices();
        Span<double> outside = stackalloc double[TimeIndexedNodeBound.MostTables];
        for (int i = taken; i < _subtrees.Count; i++)
        {
            // Sorted by bound, but capped each by its first user's path count (the first is not always the largest)
            // and by the time-indexed node bound once there is one.
            SuffixSearch.Subtree subtree = _subtrees[i];
            double at = Math.Min(subtree.Second.Bound, subtree.Cap);
            if (prices is not null && at > bound)
            {
                prices.Outside([subtree.First], outside);
                SuffixSearch.Child second = subtree.Second;
                at = Math.Min(at, prices.Bound(second.Value, outside, second.User, _data.Model[second.User], second.LatestStart, second.Bandwidth));
            }

            bound = Math.Max(bound, at);
        }

        for (int w = 0; w < _workers.Length; w++)
        {
            bound = Math.Max(bound, _stoppedInside[w] ? _workers[w].OpenBound() : Volatile.Read(ref _current[w]));
        }

        return bound;
    }

    /// <summary>
    /// Takes the subtrees in turn, then open children from the other threads' searches (<see cref="SuffixSearch.TryGive"/>)
    /// until no thread holds work: a thread done with its subtrees would otherwise wait while one large subtree holds the
    /// rest of the search (sg40m20-8: 1.45 of 1.66 million labels in the first subtree, the second thread idle for 8.5 s
    /// of 13.5 s).
    /// </summary>
    private void Work(int w)
    {
        SuffixSearch worker = _workers[w];
        while (!_stopped)
        {
            // Counted busy while it looks for work too, so that no thread leaves while another may still give some.
            Interlocked.Increment(ref _busy);
            int i = Interlocked.Increment(ref _next) - 1;
            bool finished;
            if (i < _subtrees.Count)
            {
                Volatile.Write(ref _current[w], Math.Min(_subtrees[i].Second.Bound, _subtrees[i].Cap));
                finished = worker.RunSubtree(_subtrees[i]);
            }
            else if (TryTake(w, out SuffixSearch.SharedChild shared))
            {
                Volatile.Write(ref _current[w], Math.Min(shared.Child.Bound, shared.Cap));
                finished = worker.RunShared(shared);
            }
            else
            {
                if (Interlocked.Decrement(ref _busy) == 0)
                {
                    return;
                }

                Thread.Sleep(1);
                continue;
            }

            if (!finished)
            {
                _stoppedInside[w] = true;
                _stopped = true;
                Interlocked.Decrement(ref _busy);
                return;
            }

            Volatile.Write(ref _current[w], double.NegativeInfinity);
            Interlocked.Decrement(ref _busy);
        }
    }

    /// <summary>An open child from another thread's search, the next thread's first.</summary>
    private bool TryTake(int w, out SuffixSearch.SharedChild shared)
    {
        for (int k = 1; k < _workers.Length; k++)
        {
            if (_workers[(w + k) % _workers.Length].TryGive(out shared))
            {
                return true;
            }
        }

        shared = default;
        return false;
    }
}
