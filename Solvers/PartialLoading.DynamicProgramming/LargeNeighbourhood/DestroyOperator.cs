namespace PartialLoading.DynamicProgramming.LargeNeighbourhood;

/// <summary>How <see cref="LnsSolver"/> chooses the window it empties and the users it offers to refill it.</summary>
internal enum DestroyOperator
{
    /// <summary>A run of consecutive positions anywhere, with unserved users whose deadlines reach it.</summary>
    Run,

    /// <summary>A run around a position, with the unserved users of its models and served ones of those models nearby (to batch them).</summary>
    Models,

    /// <summary>The positions around where an unserved user's deadline falls, with unserved users of nearby deadlines.</summary>
    Deadlines,

    /// <summary>The end of the schedule, with unserved users of late deadlines (to extend it).</summary>
    Tail,
}
