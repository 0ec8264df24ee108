using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Heuristics.Admission;

namespace PartialLoading.Heuristics.Greedy;

/// <summary>
/// The greedy of docs/model.md §6: from the model in memory, repeatedly append the unserved user whose model ranks best
/// (least loading, or most shared), ties by earliest deadline, then input order, among the users whose appending
/// keeps the schedule feasible; stop when none fits.
/// </summary>
/// <remarks>
/// <para>
/// Candidates are models, not users: a model's users load alike, so only its front user in (deadline, index) order
/// competes, and the models wait in a heap keyed by (rank from the model in memory, front deadline, front index).
/// </para>
/// <para>
/// A user that cannot be appended now can never be appended later in the same run, so it is dropped for good:
/// the schedule only grows by appending, and appending X then k is inserting X before k in "π then k", which by docs/model.md
/// §4 (triangle inequality) neither moves k's instant end earlier nor lowers anybody's least bandwidth. So every user
/// is tried once, and the heap loses one entry for good per try.
/// </para>
/// <para>
/// Cost: O(K log |M|) heap work and K admission checks (amortised O(1) β evaluations each, see
/// <see cref="AdmissionSchedule"/>), plus O(|M|) to re-rank the models whenever the model in memory changes, which
/// happens at most once per batch served.
/// </para>
/// </remarks>
internal static class GreedyConstruction
{
    /// <summary>Runs the greedy; a cancelled run returns the feasible prefix built so far.</summary>
    public static GreedyRun Run(Instance instance, GreedyRule rule, CancellationToken cancellationToken = default)
    {
        var schedule = new AdmissionSchedule(instance);
        var queues = new ModelQueues(instance);
        var candidates = new PriorityQueue<int, Candidate>(queues.Models);
        var ranks = new Ranking(instance, rule);
        int memory = schedule.LastModel;
        int tries = 0;
        int rerankings = 0;
        Rerank(candidates, queues, ranks, memory);
        while (candidates.TryDequeue(out int model, out _))
        {
            if ((tries & 1023) == 0 && cancellationToken.IsCancellationRequested)
            {
                break;
            }

            tries++;
            int user = queues.Pop(model); // admitted, or dropped for good
            if (schedule.TryAppend(user) && model != memory)
            {
                memory = model;
                rerankings++;
                Rerank(candidates, queues, ranks, memory);
            }
            else if (!queues.IsEmpty(model))
            {
                candidates.Enqueue(model, Key(instance, queues, ranks, memory, model));
            }
        }

        return new GreedyRun(schedule, tries, rerankings);
    }

    private static void Rerank(PriorityQueue<int, Candidate> candidates, ModelQueues queues, Ranking ranks, int memory)
    {
        candidates.Clear();
        var entries = new List<(int, Candidate)>(queues.Models);
        for (int model = 0; model < queues.Models; model++)
        {
            if (!queues.IsEmpty(model))
            {
                entries.Add((model, Key(ranks.Instance, queues, ranks, memory, model)));
            }
        }

        candidates.EnqueueRange(entries); // heapified in O(|M|)
    }

    private static Candidate Key(Instance instance, ModelQueues queues, Ranking ranks, int memory, int model)
    {
        int front = queues.Front(model);
        return new Candidate(ranks.Of(memory, model), instance.Users[front].DeadlineSeconds, front);
    }

    /// <summary>Heap key: rank (smaller is better), then deadline, then input index.</summary>
    private readonly record struct Candidate(double Rank, double Deadline, int User) : IComparable<Candidate>
    {
        public int CompareTo(Candidate other)
        {
            int c = Rank.CompareTo(other.Rank);
            if (c == 0)
            {
                c = Deadline.CompareTo(other.Deadline);
            }

            return c != 0 ? c : User.CompareTo(other.User);
        }
    }

    /// <summary>The rank of switching from the model in memory to another, smaller first.</summary>
    private sealed class Ranking(Instance instance, GreedyRule rule)
    {
        private readonly LoadingTimes _loading = instance.LoadingTimes;

        public Instance Instance { get; } = instance;

        public double Of(int memory, int model) => rule == GreedyRule.LeastLoading
            ? _loading.Seconds(memory, model)
            : -_loading.SharedMb(memory, model);
    }
}

/// <summary>What a greedy run produced: the schedule, how many users it tried, how often it re-ranked the models.</summary>
internal sealed record GreedyRun(AdmissionSchedule Schedule, int Tries, int Rerankings);
