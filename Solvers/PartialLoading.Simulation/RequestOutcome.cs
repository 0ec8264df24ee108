namespace PartialLoading.Simulation;

/// <summary>One request's fate; a row of <c>requests.csv</c>.</summary>
/// <param name="Request">The request's index in the trace.</param>
/// <param name="Fate">Served, missed or pending.</param>
/// <param name="Epoch">The epoch that served it or found it missed; null when pending, or missed only at the end.</param>
/// <param name="CompletionSeconds">The end of its inference, s from the start; null unless served.</param>
public readonly record struct RequestOutcome(int Request, RequestFate Fate, int? Epoch, double? CompletionSeconds);
