namespace PartialLoading.Comparison;

/// <summary>What a comparison produced: the rows of the instances finished, and whether cancellation cut it short.</summary>
/// <param name="Rows">Rows of the finished instances, in instance order, then solver order, then seed order.</param>
/// <param name="InstancesDone">Instances finished.</param>
/// <param name="Instances">Instances in the shard run.</param>
/// <param name="Interrupted">True when cancellation stopped the comparison before its end.</param>
/// <param name="Invalid">The instances that could not be read, with their problems (each has rows with status <c>invalid-input</c>).</param>
public sealed record ComparisonOutcome(IReadOnlyList<ComparisonRow> Rows, int InstancesDone, int Instances, bool Interrupted, IReadOnlyList<InvalidComparisonInstance> Invalid);
