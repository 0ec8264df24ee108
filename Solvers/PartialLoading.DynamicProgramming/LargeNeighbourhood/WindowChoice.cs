namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>A window chosen by a destroy operator.</summary>
/// <param name="Start">First position emptied.</param>
/// <param name="End">One past the last position emptied.</param>
/// <param name="Candidates">Users offered to refill it: the window's own, then served users taken from elsewhere, then unserved ones.</param>
/// <param name="Taken">The served users outside [Start, End) among the candidates: removed from where they are.</param>
internal sealed record WindowChoice(int Start, int End, int[] Candidates, int[] Taken);
