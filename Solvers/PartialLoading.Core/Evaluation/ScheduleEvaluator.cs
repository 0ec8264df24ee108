using System.Collections.Immutable;
using System.Globalization;
using PartialLoading.Bandwidth;
using PartialLoading.Core.Loading;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Evaluation;

/// <summary>
/// Recomputes a schedule's timeline from the instance alone (docs/model.md §3) and names every violation: which user,
/// which deadline, by how much; the budget, by how much. Every solver's result passes through it before it is
/// reported, and <c>plsolve verify</c> is this class on a schedule file.
/// </summary>
public sealed class ScheduleEvaluator
{
    /// <summary>A request meets its deadline when <c>e_n ≤ T + 1e-9</c> s (docs/model.md §3).</summary>
    public const double DeadlineToleranceSeconds = 1e-9;

    private readonly Instance _instance;
    private readonly LoadingTimes _loading;

    /// <summary>An evaluator for <paramref name="instance"/> under the given loading rule.</summary>
    public ScheduleEvaluator(Instance instance, LoadingRule rule = LoadingRule.SharedBlocks)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _loading = rule == LoadingRule.SharedBlocks ? instance.LoadingTimes : LoadingTimes.Create(instance, rule);
    }

    /// <summary>Evaluates a schedule with its own bandwidths.</summary>
    public ScheduleEvaluation Evaluate(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Evaluate(schedule.Order.AsSpan(), schedule.BandwidthsHz.AsSpan(), derive: false);
    }

    /// <summary>
    /// Evaluates users in <paramref name="order"/> with the given bandwidths, or, when
    /// <paramref name="bandwidthsHz"/> is null, with exactly β(LS_n) each and no surplus shared out (docs/model.md §8).
    /// </summary>
    /// <exception cref="ArgumentException">A user index is out of range, the bandwidth count differs, or a bandwidth is negative or NaN.</exception>
    public ScheduleEvaluation Evaluate(IReadOnlyList<int> order, IReadOnlyList<double>? bandwidthsHz)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Evaluate([.. order], bandwidthsHz is null ? [] : [.. bandwidthsHz], derive: bandwidthsHz is null);
    }

    private ScheduleEvaluation Evaluate(ReadOnlySpan<int> order, ReadOnlySpan<double> bandwidthsHz, bool derive)
    {
        CheckArguments(order, bandwidthsHz, derive);
        int n = order.Length;
        var models = new int[n];
        var loads = new double[n];
        int previous = _instance.Server.InitialModel ?? LoadingTimes.EmptyMemory;
        for (int i = 0; i < n; i++)
        {
            models[i] = _instance.Users[order[i]].Model;
            loads[i] = _loading.Seconds(previous, models[i]);
            previous = models[i];
        }

        var violations = ImmutableArray.CreateBuilder<Violation>();
        double[] bandwidths = derive ? DeriveLeastBandwidths(order, models, loads, violations) : bandwidthsHz.ToArray();

        var timeline = ImmutableArray.CreateBuilder<TimelineEntry>(n);
        double end = 0.0;
        for (int i = 0; i < n; i++)
        {
            User user = _instance.Users[order[i]];
            double upload = UplinkRate.UploadSeconds(user.SnrBandwidthHz, user.DataBits, bandwidths[i]);
            double loaded = end + loads[i];
            double start = Math.Max(loaded, upload);
            var entry = new TimelineEntry(
                i + 1, order[i], models[i], bandwidths[i], end, loads[i], upload, start, start + _instance.Models[models[i]].InferenceSeconds, user.DeadlineSeconds);
            timeline.Add(entry);
            end = entry.EndSeconds;
            if (!entry.MeetsDeadline)
            {
                double late = entry.EndSeconds - entry.DeadlineSeconds;
                string cause = upload > loaded
                    ? $"it waits for its upload, which ends at {S(upload)} s"
                    : $"its model is loaded at {S(loaded)} s";
                violations.Add(new Violation(
                    ViolationKind.DeadlineMissed,
                    $"user '{user.Id}' (position {i + 1}) ends at {S(entry.EndSeconds)} s, after its deadline {S(user.DeadlineSeconds)} s, late by {S(late)} s ({cause})",
                    i + 1,
                    order[i],
                    late));
            }
        }

        AddBudgetViolation(bandwidths, violations);
        AddDuplicates(order, violations, out double value, out int served);
        return new ScheduleEvaluation(timeline.MoveToImmutable(), violations.ToImmutable(), value, served, derive);
    }

    private void CheckArguments(ReadOnlySpan<int> order, ReadOnlySpan<double> bandwidthsHz, bool derive)
    {
        foreach (int user in order)
        {
            if ((uint)user >= (uint)_instance.Users.Length)
            {
                throw new ArgumentException($"User index {user} is out of range (the instance has {_instance.Users.Length} users).", nameof(order));
            }
        }

        if (derive)
        {
            return;
        }

        if (bandwidthsHz.Length != order.Length)
        {
            throw new ArgumentException("One bandwidth per position is needed.", nameof(bandwidthsHz));
        }

        foreach (double b in bandwidthsHz)
        {
            if (!(b >= 0.0))
            {
                throw new ArgumentException($"Bandwidths must be non-negative, got {b}.", nameof(bandwidthsHz));
            }
        }
    }

    private double[] DeriveLeastBandwidths(ReadOnlySpan<int> order, int[] models, double[] loads, ImmutableArray<Violation>.Builder violations)
    {
        int n = order.Length;
        var deadlines = new double[n];
        var inference = new double[n];
        for (int i = 0; i < n; i++)
        {
            deadlines[i] = _instance.Users[order[i]].DeadlineSeconds;
            inference[i] = _instance.Models[models[i]].InferenceSeconds;
        }

        var latest = new double[n];
        LatestStarts.Compute(deadlines, inference, loads, latest);
        var least = new double[n];
        double budget = _instance.Server.BandwidthHz;
        for (int i = 0; i < n; i++)
        {
            User user = _instance.Users[order[i]];
            least[i] = LeastBandwidth.Hz(user.SnrBandwidthHz, user.DataBits, latest[i]);
            if (least[i] > budget)
            {
                double withAll = UplinkRate.UploadSeconds(user.SnrBandwidthHz, user.DataBits, budget);
                string why = latest[i] <= 0.0
                    ? $"its upload would have to end by {S(latest[i])} s, which leaves it no time"
                    : $"its upload must end by {S(latest[i])} s, and with all {S(budget)} Hz it takes {S(withAll)} s";
                violations.Add(new Violation(
                    ViolationKind.UploadImpossible,
                    $"user '{user.Id}' (position {i + 1}) cannot upload in time even with all bandwidth: {why}",
                    i + 1,
                    order[i],
                    withAll - latest[i]));
            }
        }

        return least;
    }

    private void AddBudgetViolation(double[] bandwidths, ImmutableArray<Violation>.Builder violations)
    {
        double total = 0.0;
        foreach (double b in bandwidths)
        {
            total += b;
        }

        double budget = _instance.Server.BandwidthHz;
        if (!BandwidthAllocator.Fits(total, budget))
        {
            violations.Add(new Violation(
                ViolationKind.OverBudget,
                $"bandwidth {S(total)} Hz exceeds the budget {S(budget)} Hz by {S(total - budget)} Hz",
                null,
                null,
                total - budget));
        }
    }

    private void AddDuplicates(ReadOnlySpan<int> order, ImmutableArray<Violation>.Builder violations, out double value, out int served)
    {
        var firstPosition = new int[_instance.Users.Length]; // 1-based; 0 = not seen
        value = 0.0;
        served = 0;
        for (int i = 0; i < order.Length; i++)
        {
            int first = firstPosition[order[i]];
            if (first > 0)
            {
                violations.Add(new Violation(
                    ViolationKind.DuplicateUser,
                    $"user '{_instance.Users[order[i]].Id}' is listed twice (positions {first} and {i + 1})",
                    i + 1,
                    order[i],
                    0.0));
                continue;
            }

            firstPosition[order[i]] = i + 1;
            value += _instance.Users[order[i]].Weight;
            served++;
        }
    }

    private static string S(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
