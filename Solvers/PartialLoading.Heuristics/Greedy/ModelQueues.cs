using PartialLoading.Core.Model;

namespace PartialLoading.Heuristics.Greedy;

/// <summary>
/// Each model's users in (deadline, input index) order, consumed from the front. Users of one model are
/// interchangeable for loading, so the greedy only ever looks at each model's front user.
/// </summary>
internal sealed class ModelQueues
{
    private readonly int[] _users;   // grouped by model, each group in (deadline, index) order
    private readonly int[] _next;    // per model: index into _users of its front user
    private readonly int[] _end;     // per model: end of its group

    public ModelQueues(Instance instance)
    {
        int models = instance.Models.Length;
        var counts = new int[models + 1];
        foreach (User user in instance.Users)
        {
            counts[user.Model + 1]++;
        }

        for (int i = 0; i < models; i++)
        {
            counts[i + 1] += counts[i];
        }

        _next = counts[..models];
        _end = counts[1..];
        _users = new int[instance.Users.Length];
        var fill = (int[])_next.Clone();
        for (int k = 0; k < instance.Users.Length; k++)
        {
            _users[fill[instance.Users[k].Model]++] = k; // ascending index within each model
        }

        for (int i = 0; i < models; i++)
        {
            // Keys are (deadline, index) pairs, all distinct, so the unstable sort gives one order.
            _users.AsSpan(_next[i], _end[i] - _next[i]).Sort((a, b) =>
            {
                int byDeadline = instance.Users[a].DeadlineSeconds.CompareTo(instance.Users[b].DeadlineSeconds);
                return byDeadline != 0 ? byDeadline : a.CompareTo(b);
            });
        }
    }

    /// <summary>The number of models.</summary>
    public int Models => _next.Length;

    /// <summary>True when every user of <paramref name="model"/> has been taken.</summary>
    public bool IsEmpty(int model) => _next[model] == _end[model];

    /// <summary>The front user of <paramref name="model"/> (earliest deadline, then input order).</summary>
    public int Front(int model) => _users[_next[model]];

    /// <summary>Takes the front user of <paramref name="model"/> off its queue.</summary>
    public int Pop(int model) => _users[_next[model]++];
}
