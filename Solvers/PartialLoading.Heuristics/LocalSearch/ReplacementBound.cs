namespace PartialLoading.Heuristics.LocalSearch;

/// <summary>
/// What a lower bound of Σβ for serving a newcomer instead of the user at a position needs besides the newcomer's own
/// β (<see cref="ServiceSequence.BoundReplacing"/>): computed once, O(log n), then asked with several lower bounds of
/// that β, cheapest first, so that a try the cheap one already rules out costs no Lambert W and one tangent walk.
/// </summary>
/// <param name="Latest">The newcomer's latest start there, s.</param>
/// <param name="Others">Σβ of the users after the position, as they are (their latest starts do not move), Hz.</param>
/// <param name="Change">The tangent lower bound of the change of Σβ before the position (with its safety margin), Hz.</param>
internal readonly record struct ReplacementBound(double Latest, double Others, double Change)
{
    /// <summary>The lower bound of Σβ with <paramref name="ownLeastHz"/> (a lower bound of the newcomer's β) for its own; +∞ when that is.</summary>
    public double With(double ownLeastHz) => double.IsPositiveInfinity(ownLeastHz) ? double.PositiveInfinity : Others + ownLeastHz + Change;
}
