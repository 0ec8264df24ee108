namespace PartialLoading.Milp;

/// <summary>What the outer-approximation loop needs from a built MPSolver model.</summary>
internal interface IMpModel
{
    void AddTangent(TangentCut cut);

    void ExcludeSequence(IReadOnlyList<int> order);

    void Hint(IReadOnlyList<int> order);

    int[] ExtractOrder();
}
