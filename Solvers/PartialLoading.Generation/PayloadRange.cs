namespace PartialLoading.Generation;

/// <summary>The input a request of a model uploads: drawn uniformly from [<paramref name="MinMbit"/>, <paramref name="MaxMbit"/>].</summary>
/// <param name="MinMbit">Smallest input, Mbit (&gt; 0).</param>
/// <param name="MaxMbit">Largest input, Mbit (≥ the smallest).</param>
internal sealed record PayloadRange(double MinMbit, double MaxMbit)
{
    /// <summary>
    /// An image classifier's input: a 224×224 picture, from a JPEG of about 12 kB (0.1 Mbit) to the raw 224×224×3
    /// bytes (1.2 Mbit).
    /// </summary>
    public static PayloadRange Image { get; } = new(0.1, 1.2);

    /// <summary>
    /// A camera frame sent whole (detection, segmentation): from a small JPEG (about 60 kB, 0.5 Mbit) to a full-HD
    /// 1920×1080 JPEG (about 1 MB, 8 Mbit).
    /// </summary>
    public static PayloadRange CameraFrame { get; } = new(0.5, 8.0);

    /// <summary>A text prompt: 128 to 2,048 tokens at about 4 bytes of UTF-8 each (0.004–0.066 Mbit).</summary>
    public static PayloadRange Text { get; } = new(0.004, 0.066);

    /// <summary>The smallest input, Mbit.</summary>
    public double MinMbit { get; } = MinMbit > 0.0 && double.IsFinite(MinMbit)
        ? MinMbit
        : throw new ArgumentOutOfRangeException(nameof(MinMbit), MinMbit, "The smallest input must be positive.");

    /// <summary>The largest input, Mbit.</summary>
    public double MaxMbit { get; } = MaxMbit >= MinMbit && double.IsFinite(MaxMbit)
        ? MaxMbit
        : throw new ArgumentOutOfRangeException(nameof(MaxMbit), MaxMbit, "The largest input must be at least the smallest.");
}
