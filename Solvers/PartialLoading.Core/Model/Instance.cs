using System.Collections.Frozen;
using System.Collections.Immutable;
using PartialLoading.Core.Loading;

namespace PartialLoading.Core.Model;

/// <summary>
/// An immutable problem instance (docs/model.md §2): the server, the parameter blocks, the models and the users, each
/// addressed by its index. String ids live only at the edges (files, messages); solvers work with indices.
/// </summary>
/// <remarks>Build one with <see cref="Input.InstanceBuilder"/> or read one with <see cref="Csv.InstanceReader"/>.</remarks>
public sealed class Instance
{
    private readonly Lazy<LoadingTimes> _loadingTimes;
    private readonly Lazy<FrozenDictionary<string, int>> _userIndex;

    internal Instance(string name, Server server, ImmutableArray<Block> blocks, ImmutableArray<AiModel> models, ImmutableArray<User> users)
    {
        Name = name;
        Server = server;
        Blocks = blocks;
        Models = models;
        Users = users;
        _loadingTimes = new Lazy<LoadingTimes>(() => LoadingTimes.Create(this, LoadingRule.SharedBlocks));
        _userIndex = new Lazy<FrozenDictionary<string, int>>(() => IndexById(Users, u => u.Id));
    }

    /// <summary>A short name for reports: the instance folder's name, or the name given to the builder.</summary>
    public string Name { get; }

    /// <summary>The server.</summary>
    public Server Server { get; }

    /// <summary>The parameter blocks, in file order.</summary>
    public ImmutableArray<Block> Blocks { get; }

    /// <summary>The models, in file order.</summary>
    public ImmutableArray<AiModel> Models { get; }

    /// <summary>The users, in file order (the order <c>fifo</c> serves them in).</summary>
    public ImmutableArray<User> Users { get; }

    /// <summary>Loading times under the rule of the problem: only blocks missing from memory are loaded.</summary>
    /// <remarks>Computed on first use and kept: the instance is immutable, so the matrix never goes stale.</remarks>
    public LoadingTimes LoadingTimes => _loadingTimes.Value;

    /// <summary>Σ w_k over all users: the value of serving everybody, an upper bound for every solver.</summary>
    public double TotalWeight
    {
        get
        {
            double total = 0.0;
            foreach (User user in Users)
            {
                total += user.Weight;
            }

            return total;
        }
    }

    /// <summary>True when every user has weight 1, so the value is the number of users served.</summary>
    public bool HasUnitWeights => Users.All(u => u.Weight == 1.0);

    /// <summary>The index of the user with this id, or null.</summary>
    public int? FindUser(string id) => _userIndex.Value.TryGetValue(id, out int index) ? index : null;

    /// <summary>The model a user needs.</summary>
    public AiModel ModelOf(int user) => Models[Users[user].Model];

    private static FrozenDictionary<string, int> IndexById<T>(ImmutableArray<T> items, Func<T, string> id)
    {
        var index = new Dictionary<string, int>(items.Length, StringComparer.Ordinal);
        for (int i = 0; i < items.Length; i++)
        {
            index[id(items[i])] = i;
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
