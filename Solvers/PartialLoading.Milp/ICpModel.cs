using Google.OrTools.Sat;

namespace PartialLoading.Milp;

/// <summary>What the outer-approximation loop needs from a built CP-SAT model.</summary>
internal interface ICpModel
{
    CpModel Model { get; }

    void AddTangent(TangentCut cut);

    void ExcludeSequence(IReadOnlyList<int> order);

    /// <summary>Hints a verified schedule (local users in order) and requires at least its value.</summary>
    void Hint(IReadOnlyList<int> order);

    int[] ExtractOrder(CpSolver solver);
}
