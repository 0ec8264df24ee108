namespace PartialLoading.Simulation;

/// <summary>How a request ended (docs/model.md §11).</summary>
public enum RequestFate
{
    /// <summary>A plan served it by its deadline.</summary>
    Served,

    /// <summary>Its deadline passed, or it could no longer be served even alone, before any plan served it.</summary>
    Missed,

    /// <summary>Still waiting when the simulation ended, its deadline not yet passed.</summary>
    Pending,
}

/// <summary>The words of <c>requests.csv</c>.</summary>
public static class RequestFateWords
{
    /// <summary><c>served</c>, <c>missed</c> or <c>pending</c>.</summary>
    public static string ToWord(this RequestFate fate) => fate switch
    {
        RequestFate.Served => "served",
        RequestFate.Missed => "missed",
        RequestFate.Pending => "pending",
        _ => throw new ArgumentOutOfRangeException(nameof(fate), fate, null),
    };
}
