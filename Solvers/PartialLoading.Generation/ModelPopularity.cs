using MathNet.Numerics.Distributions;

namespace PartialLoading.Generation;

/// <summary>
/// Zipf popularity of models: the models are ranked in a random order, and a request picks the model of rank r with
/// probability proportional to r^−s (s = 0 is uniform). Ranks are random so that the most popular model is not
/// always the first one a scenario designs.
/// </summary>
internal sealed class ModelPopularity
{
    private readonly Categorical _rank;
    private readonly int[] _modelOfRank;

    /// <summary>Ranks <paramref name="models"/> models with <paramref name="rankRandom"/>; requests draw from <paramref name="drawRandom"/>.</summary>
    public ModelPopularity(int models, double exponent, Random rankRandom, Random drawRandom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(models);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        ArgumentNullException.ThrowIfNull(rankRandom);
        ArgumentNullException.ThrowIfNull(drawRandom);
        _modelOfRank = [.. Enumerable.Range(0, models)];
        rankRandom.Shuffle(_modelOfRank);
        double[] weights = [.. Enumerable.Range(1, models).Select(r => Math.Pow(r, -exponent))];
        _rank = new Categorical(weights, drawRandom);
    }

    /// <summary>The model index of each rank (rank 1 first).</summary>
    public IReadOnlyList<int> ModelOfRank => _modelOfRank;

    /// <summary>Draws the model of one request.</summary>
    public int Draw() => _modelOfRank[_rank.Sample()];
}
