using System.Collections.Immutable;

namespace PartialLoading.Simulation;

/// <summary>A simulation's outcome (docs/model.md §11): every epoch, every request's fate, and the summary.</summary>
public sealed class SimulationResult
{
    private readonly Lazy<SimulationSummary> _summary;

    internal SimulationResult(
        string policy,
        ArrivalTrace trace,
        SimulationSettings settings,
        ImmutableArray<EpochRecord> epochs,
        ImmutableArray<RequestOutcome> outcomes,
        double endSeconds,
        int arrivals,
        bool interrupted)
    {
        Policy = policy;
        Trace = trace;
        Settings = settings;
        Epochs = epochs;
        Outcomes = outcomes;
        EndSeconds = endSeconds;
        Arrivals = arrivals;
        Interrupted = interrupted;
        _summary = new Lazy<SimulationSummary>(() => SimulationSummary.Of(this));
    }

    /// <summary>The policy's name.</summary>
    public string Policy { get; }

    /// <summary>The requests simulated.</summary>
    public ArrivalTrace Trace { get; }

    /// <summary>The settings used.</summary>
    public SimulationSettings Settings { get; }

    /// <summary>One record per decision epoch, in time order.</summary>
    public ImmutableArray<EpochRecord> Epochs { get; }

    /// <summary>The fate of every request that arrived by <see cref="EndSeconds"/>, by request index.</summary>
    public ImmutableArray<RequestOutcome> Outcomes { get; }

    /// <summary>
    /// When the simulation ended: the first epoch time at or after the horizon, or, when interrupted, the time of the
    /// epoch that did not run.
    /// </summary>
    public double EndSeconds { get; }

    /// <summary>Requests that arrived by <see cref="EndSeconds"/> (all of the trace unless interrupted).</summary>
    public int Arrivals { get; }

    /// <summary>True when cancellation stopped it before the horizon; the epochs finished are all kept.</summary>
    public bool Interrupted { get; }

    /// <summary>Totals, rates and response times.</summary>
    public SimulationSummary Summary => _summary.Value;

    /// <summary>The response time (completion − arrival) of a served request, s; null otherwise.</summary>
    public double? ResponseSeconds(RequestOutcome outcome)
        => outcome.CompletionSeconds is double done ? done - Trace.ArrivalSeconds[outcome.Request] : null;
}
