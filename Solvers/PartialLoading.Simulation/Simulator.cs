using System.Collections.Immutable;
using PartialLoading.Bandwidth;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;
using PartialLoading.Core.Solving;

namespace PartialLoading.Simulation;

/// <summary>
/// Serves an <see cref="ArrivalTrace"/> frame after frame with a policy (docs/model.md §11): at each decision epoch
/// t_n the pending requests form a frame instance, the policy plans it, the plan runs as computed, and the model it
/// ends on is in GPU memory for the next frame.
/// </summary>
/// <remarks>
/// <para>
/// Epochs: t_0 = 0, t_{n+1} = max(t_n + F, end of the last inference planned at t_n) (+ the solve time when charged),
/// while t_n &lt; H. At t_n a request is pending when it has arrived (a_r ≤ t_n), is unserved, its absolute deadline
/// is after t_n, and it could still be served alone; otherwise, unserved and past its chance, it is missed.
/// </para>
/// <para>
/// "Servable alone" is the test of <see cref="Core.Planning.ServableUsers"/> against the model in memory. A request that
/// fails it can never be served later: any sequence of loads from the model in memory to its model takes at least the
/// direct loading time (set differences obey the triangle inequality), its upload starts no earlier than now, and both
/// deadline room and the least bandwidth only get worse as time passes.
/// </para>
/// <para>
/// At the end (the first epoch time at or after H, or the last finished epoch when cancelled) every request that has
/// arrived is served, missed (its deadline has passed) or pending, so arrivals = served + missed + pending exactly.
/// </para>
/// </remarks>
public static class Simulator
{
    /// <summary>
    /// The most decision epochs a run may take: 1,000,000 (a day in frames of 0.1 s is 864,000). Every epoch costs a
    /// record in memory and a row of <c>frames.csv</c> (about 100 bytes each per policy, so 100 MB at the cap) and a
    /// pass over the pending requests even when the frame is empty; a horizon of 1e9 s in frames of 1 s would take
    /// 1e9 epochs, a day of computing and 100 GB, for a server that is idle in nearly all of them. The cap also keeps
    /// t_n + F above t_n in floating point (F ≥ H / 10^6 is far above the rounding of any t_n &lt; H).
    /// </summary>
    public const int MaxEpochs = 1_000_000;

    /// <summary>
    /// The most epochs a run over <paramref name="horizonSeconds"/> in frames of <paramref name="frameSeconds"/> can take,
    /// ⌈H / F⌉ (every epoch advances the clock by at least F); compare it with <see cref="MaxEpochs"/> before running.
    /// </summary>
    public static double MostEpochs(double horizonSeconds, double frameSeconds) => Math.Ceiling(horizonSeconds / frameSeconds);

    /// <summary>Runs the simulation.</summary>
    /// <param name="trace">The requests.</param>
    /// <param name="policy">The policy that plans each frame.</param>
    /// <param name="settings">Frame length, per-frame options, charging of solve time.</param>
    /// <param name="progress">Told after every epoch; may be null.</param>
    /// <param name="onFrame">Given every planned (non-empty) frame with its verified solve, e.g. to write it; may be null.</param>
    /// <param name="cancellationToken">Stops after the epoch under way; the finished epochs are kept and <see cref="SimulationResult.Interrupted"/> is set.</param>
    /// <exception cref="SolverNotApplicableException">The policy refuses a frame; the message names the epoch.</exception>
    /// <exception cref="SolverDefectException">A frame's schedule does not hold up when recomputed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The horizon takes more than <see cref="MaxEpochs"/> frames.</exception>
    public static SimulationResult Run(
        ArrivalTrace trace,
        IFramePolicy policy,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress = null,
        Action<PlannedFrame>? onFrame = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(settings);
        double most = MostEpochs(trace.HorizonSeconds, settings.FrameSeconds);
        if (!(most <= MaxEpochs))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.FrameSeconds, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A horizon of {trace.HorizonSeconds:G6} s in frames of {settings.FrameSeconds:G6} s takes up to {most:G6} decision epochs, more than the {MaxEpochs} a run may take."));
        }

        Instance catalogue = trace.Catalogue;
        SolverOptions options = settings.EffectiveFrameOptions;
        LoadingTimes fullLoading = LoadingTimes.Create(catalogue, LoadingRule.FullModel);
        var fates = new RequestOutcome?[trace.Count];
        var epochs = new List<EpochRecord>();
        var pending = new List<int>();
        var kept = new List<int>();
        int? model = catalogue.Server.InitialModel;
        int arrived = 0;
        int served = 0;
        int missed = 0;
        double t = 0.0;
        bool interrupted = false;
        for (int n = 0; t < trace.HorizonSeconds; n++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }

            while (arrived < trace.Count && trace.ArrivalSeconds[arrived] <= t)
            {
                pending.Add(arrived++);
            }

            int missedNow = 0;
            kept.Clear();
            foreach (int r in pending)
            {
                if (IsServableAlone(trace[r], t, model, catalogue))
                {
                    kept.Add(r);
                }
                else
                {
                    fates[r] = new RequestOutcome(r, RequestFate.Missed, n, null);
                    missedNow++;
                }
            }

            (pending, kept) = (kept, pending);
            missed += missedNow;
            EpochRecord record;
            if (pending.Count == 0)
            {
                record = new EpochRecord(n, t, 0, 0, missedNow, 0, 0.0, 0.0, 0.0, 0.0, 0.0);
            }
            else
            {
                Instance frame = FrameInstance.Create(trace, $"{catalogue.Name}-epoch{n}", t, model, pending);
                SolveReport report;
                try
                {
                    report = policy.Plan(frame, options, cancellationToken);
                }
                catch (SolverNotApplicableException e)
                {
                    throw new SolverNotApplicableException($"policy '{policy.Name}' at epoch {n} (t = {t:0.######} s, {pending.Count} pending): {e.Message}", e.ApplicableSolvers);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                onFrame?.Invoke(new PlannedFrame(n, t, report));
                record = Execute(report, n, t, pending, fates, missedNow, fullLoading, ref model);
                served += record.Served;
                pending.RemoveAll(r => fates[r] is not null);
            }

            epochs.Add(record);
            double next = t + Math.Max(settings.FrameSeconds, record.BusySeconds);
            t = settings.ChargeSolverTime ? next + record.SolverSeconds : next;
            progress?.Report(new SimulationProgress(policy.Name, n, t, trace.HorizonSeconds, served, missed));
        }

        return new SimulationResult(policy.Name, trace, settings, [.. epochs], Close(trace, fates, t, out int counted), t, counted, interrupted);
    }

    /// <summary>Records the plan's served requests and returns the epoch's record; <paramref name="model"/> becomes the model the plan ends on.</summary>
    private static EpochRecord Execute(SolveReport report, int n, double t, List<int> pending, RequestOutcome?[] fates, int missedNow, LoadingTimes full, ref int? model)
    {
        ScheduleEvaluation plan = report.Evaluation;
        double loading = 0.0;
        double fullLoading = 0.0;
        int? previous = model;
        foreach (TimelineEntry entry in plan.Timeline)
        {
            int r = pending[entry.User];
            fates[r] = new RequestOutcome(r, RequestFate.Served, n, t + entry.EndSeconds);
            loading += entry.LoadSeconds;
            fullLoading += full.Seconds(previous ?? LoadingTimes.EmptyMemory, entry.Model);
            previous = entry.Model;
        }

        model = previous;
        return new EpochRecord(
            n,
            t,
            pending.Count,
            plan.Served,
            missedNow,
            pending.Count - plan.Served,
            loading,
            fullLoading,
            plan.Served == 0 ? 0.0 : plan.MakespanSeconds,
            plan.BandwidthUsedHz,
            report.Runtime.TotalSeconds);
    }

    /// <summary>
    /// Whether request <paramref name="arrival"/> could still be served alone at <paramref name="t"/> with
    /// <paramref name="model"/> in memory: the test of <see cref="Core.Planning.ServableUsers"/> on its frame deadline.
    /// </summary>
    private static bool IsServableAlone(Arrival arrival, double t, int? model, Instance catalogue)
    {
        double relative = arrival.DeadlineSeconds - t;
        if (!(relative > 0.0))
        {
            return false;
        }

        User u = arrival.Request;
        double inference = catalogue.Models[u.Model].InferenceSeconds;
        return catalogue.LoadingTimes.Seconds(model ?? LoadingTimes.EmptyMemory, u.Model) + inference <= relative + ScheduleEvaluator.DeadlineToleranceSeconds
            && BandwidthAllocator.Fits(LeastBandwidth.Hz(u.SnrBandwidthHz, u.DataBits, relative - inference), catalogue.Server.BandwidthHz);
    }

    /// <summary>Every request that has arrived by <paramref name="end"/> gets a fate: its own, or missed / pending by its deadline.</summary>
    private static ImmutableArray<RequestOutcome> Close(ArrivalTrace trace, RequestOutcome?[] fates, double end, out int counted)
    {
        counted = 0;
        while (counted < trace.Count && trace.ArrivalSeconds[counted] <= end)
        {
            counted++;
        }

        var outcomes = ImmutableArray.CreateBuilder<RequestOutcome>(counted);
        for (int r = 0; r < counted; r++)
        {
            outcomes.Add(fates[r] ?? new RequestOutcome(r, trace[r].DeadlineSeconds <= end ? RequestFate.Missed : RequestFate.Pending, null, null));
        }

        return outcomes.MoveToImmutable();
    }
}
