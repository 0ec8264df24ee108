namespace PartialLoading.Milp;

/// <summary>
/// The shape shared by both visit models (MPSolver and CP-SAT): how many slots and positions, which (user, slot,
/// position) triples can be reached by the user's deadline at all, and where an order's users sit.
/// </summary>
internal sealed class VisitLayout
{
    private const double Tolerance = 1e-6;

    private readonly int[,] _batchCapacity; // slot × model: users of the model that can be in the slot

    public VisitLayout(ExactModelData data, bool conflicts = true)
    {
        Data = data;
        Slots = VisitBounds.MaxVisits(data);
        Width = VisitBounds.MaxBatch(data);
        EarliestEnd = VisitBounds.EarliestEnds(data, Slots);
        _batchCapacity = new int[Slots, data.ModelCount];
        for (int k = 0; k < data.UserCount; k++)
        {
            for (int v = 0; v < Slots; v++)
            {
                if (OnTime(k, v, 0))
                {
                    _batchCapacity[v, data.UserModel[k]]++;
                }
            }
        }

        Conflicts = conflicts ? ConflictCuts.Find(data) : [];
    }

    /// <summary>Sets of users no schedule serves together (<see cref="ConflictCuts"/>).</summary>
    public IReadOnlyList<int[]> Conflicts { get; }

    public ExactModelData Data { get; }

    /// <summary>Slots (batches) in the model: the most visits any schedule fits.</summary>
    public int Slots { get; }

    /// <summary>Positions per slot: the most users a model has.</summary>
    public int Width { get; }

    /// <summary>earliest[v, i]: the earliest end of a first inference of model i in slot v, ms.</summary>
    public double[,] EarliestEnd { get; }

    /// <summary>
    /// True when user k could be at position j of slot v: it still meets its deadline there, and the slot can hold
    /// j + 1 users of its model (a slot serves one model, positions fill from the front, and only users that can be in
    /// the slot at all, at its first position, count).
    /// </summary>
    public bool Reachable(int k, int v, int j) => j < _batchCapacity[v, Data.UserModel[k]] && OnTime(k, v, j);

    private bool OnTime(int k, int v, int j)
    {
        int i = Data.UserModel[k];
        return EarliestEnd[v, i] + (j * Data.Inference[i]) <= Data.Deadline[k] + Tolerance;
    }

    /// <summary>True when some user of model i could be served in slot v.</summary>
    public bool Reachable(int v, int i)
        => Enumerable.Range(0, Data.UserCount).Any(k => Data.UserModel[k] == i && Reachable(k, v, 0));

    /// <summary>The earliest start of slot v's first inference when it runs model i, ms (∞ when unreachable).</summary>
    public double EarliestStart(int v, int i) => EarliestEnd[v, i] - Data.Inference[i];

    /// <summary>
    /// Where an order's users sit: maximal runs of one model are batches in consecutive slots, positions from the
    /// front. Empty when the order has more batches or a longer batch than the layout holds.
    /// </summary>
    public List<(int User, int Slot, int Position)> Places(IReadOnlyList<int> order)
    {
        var places = new List<(int, int, int)>();
        int slot = -1;
        int position = 0;
        int previousModel = -1;
        foreach (int k in order)
        {
            if (Data.UserModel[k] != previousModel)
            {
                slot++;
                position = 0;
                previousModel = Data.UserModel[k];
            }

            if (slot >= Slots || position >= Width)
            {
                return [];
            }

            places.Add((k, slot, position++));
        }

        return places;
    }
}
