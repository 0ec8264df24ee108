namespace PartialLoading.Generation;

/// <summary>How a generated instance sets its deadlines.</summary>
public enum DeadlineMode
{
    /// <summary>One deadline for every user: a time frame (the setting of docs/model.md §5's dynamic program).</summary>
    Common,

    /// <summary>A deadline of its own for each user.</summary>
    PerUser,
}
