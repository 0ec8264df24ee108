namespace PartialLoading.Core.Input;

/// <summary>
/// The numeric envelope of docs/model.md §7: the range of every input column inside which the model is computed
/// faithfully in double precision. Within it a = p·g/N₀ lies in about [1e-46, 1e69] Hz, every load, upload and
/// end time is finite, β is finite wherever the closed form of §4 gives a finite value (c never underflows to 0),
/// and Σ w fits the exact solvers' 64-bit integer objectives for millions of users. Values outside are refused
/// with the range in the message, rather than computed wrongly.
/// </summary>
public static class InputEnvelope
{
    /// <summary><c>load_rate_mb_per_s</c>, MB/s.</summary>
    public static ValueRange LoadRate { get; } = new(1e-6, 1e9);

    /// <summary><c>bandwidth_hz</c>, Hz.</summary>
    public static ValueRange Bandwidth { get; } = new(1.0, 1e12);

    /// <summary><c>noise_dbm_per_hz</c>, dBm/Hz.</summary>
    public static ValueRange Noise { get; } = new(-300.0, 100.0);

    /// <summary><c>size_mb</c>, MB.</summary>
    public static ValueRange BlockSize { get; } = new(1e-6, 1e9);

    /// <summary><c>inference_s</c>, s.</summary>
    public static ValueRange Inference { get; } = new(0.0, 1e9);

    /// <summary><c>data_mbit</c>, Mbit.</summary>
    public static ValueRange DataMbit { get; } = new(1e-9, 1e12);

    /// <summary><c>deadline_s</c>, s.</summary>
    public static ValueRange Deadline { get; } = new(1e-9, 1e9);

    /// <summary><c>power_w</c>, W.</summary>
    public static ValueRange Power { get; } = new(1e-9, 1e6);

    /// <summary><c>gain_db</c>, dB.</summary>
    public static ValueRange GainDb { get; } = new(-300.0, 300.0);

    /// <summary>
    /// <c>weight</c>. Six decimal digits below 1 and six above: CP-SAT keeps six decimals of a weight and sums them
    /// in 64-bit integers, so 1e-6 is its resolution and 1e6·1e6 per user leaves room for 9 million users.
    /// </summary>
    public static ValueRange Weight { get; } = new(1e-6, 1e6);
}
