namespace PartialLoading.Core.Csv;

/// <summary>Whether a library instance's best known value is proved optimal.</summary>
public enum LibraryStatus
{
    /// <summary>The best known value equals the best proved bound.</summary>
    Optimal,

    /// <summary>A gap remains between the best known value and the best proved bound.</summary>
    Open,
}
