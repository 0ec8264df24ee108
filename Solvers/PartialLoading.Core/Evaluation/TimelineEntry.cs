namespace PartialLoading.Core.Evaluation;

/// <summary>One position of a schedule's timeline (docs/model.md §3, §8), all times in seconds from 0.</summary>
/// <param name="Position">1-based position in service order.</param>
/// <param name="User">The user's index.</param>
/// <param name="Model">The model's index.</param>
/// <param name="BandwidthHz">The user's uplink bandwidth (+∞ when a derived least bandwidth is infinite).</param>
/// <param name="LoadStartSeconds">When loading of the model starts (the previous inference's end).</param>
/// <param name="LoadSeconds">The loading time L_n.</param>
/// <param name="UploadEndSeconds">u_k, when the user's upload ends.</param>
/// <param name="InferenceStartSeconds">σ_n = max(load end, u_k).</param>
/// <param name="EndSeconds">e_n = σ_n + c.</param>
/// <param name="DeadlineSeconds">T_k.</param>
public readonly record struct TimelineEntry(
    int Position,
    int User,
    int Model,
    double BandwidthHz,
    double LoadStartSeconds,
    double LoadSeconds,
    double UploadEndSeconds,
    double InferenceStartSeconds,
    double EndSeconds,
    double DeadlineSeconds)
{
    /// <summary>True when the request ends by its deadline, with the tolerance of docs/model.md §3.</summary>
    public bool MeetsDeadline => EndSeconds <= DeadlineSeconds + ScheduleEvaluator.DeadlineToleranceSeconds;
}
