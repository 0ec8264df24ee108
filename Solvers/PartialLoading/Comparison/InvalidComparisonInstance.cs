using PartialLoading.Core.Input;

namespace PartialLoading.Comparison;

/// <summary>An instance of a comparison that could not be read: its name and every problem (docs/model.md §7).</summary>
/// <param name="Name">The instance's name.</param>
/// <param name="Problems">What is wrong with its files, one problem per line.</param>
public sealed record InvalidComparisonInstance(string Name, InvalidInputException Problems);
