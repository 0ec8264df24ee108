using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PartialLoading.Benchmarks.Support;

/// <summary>
/// A summary column whose cells are computed from each benchmark case's parameters (for example the value a solver
/// reaches), so a table shows what a run achieves next to what it costs.
/// </summary>
public sealed class ComputedColumn(string name, string legend, Func<BenchmarkCase, string> cell) : IColumn
{
    /// <inheritdoc/>
    public string Id => $"{nameof(ComputedColumn)}.{name}";

    /// <inheritdoc/>
    public string ColumnName => name;

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => legend;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => cell(benchmarkCase);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => cell(benchmarkCase);

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>The value of parameter <paramref name="parameter"/> of a case.</summary>
    public static T Parameter<T>(BenchmarkCase benchmarkCase, string parameter) => (T)benchmarkCase.Parameters[parameter];
}
