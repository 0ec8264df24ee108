namespace PartialLoading.Core.Model;

/// <summary>A user with one inference request: the model it needs, its input upload and its deadline.</summary>
public sealed class User
{
    internal User(
        string id,
        int model,
        double dataMbit,
        double deadlineSeconds,
        double powerWatts,
        double gainDb,
        double weight,
        double snrBandwidthHz)
    {
        Id = id;
        Model = model;
        DataMbit = dataMbit;
        DeadlineSeconds = deadlineSeconds;
        PowerWatts = powerWatts;
        GainDb = gainDb;
        Weight = weight;
        SnrBandwidthHz = snrBandwidthHz;
    }

    /// <summary>The user's id as written in the instance files.</summary>
    public string Id { get; }

    /// <summary>Index of the model the request needs, into <see cref="Instance.Models"/>.</summary>
    public int Model { get; }

    /// <summary>Input size in Mbit (10⁶ bit), as in the files.</summary>
    public double DataMbit { get; }

    /// <summary>Input size in bit (D_k).</summary>
    public double DataBits => DataMbit * 1e6;

    /// <summary>Deadline in seconds from time 0 (T_k).</summary>
    public double DeadlineSeconds { get; }

    /// <summary>Transmit power in W (p_k).</summary>
    public double PowerWatts { get; }

    /// <summary>Channel gain in dB, as in the files.</summary>
    public double GainDb { get; }

    /// <summary>Weight of the request in the objective (w_k, 1 unless given).</summary>
    public double Weight { get; }

    /// <summary>
    /// a_k = p_k·g_k/N₀ in Hz: the bandwidth at which the signal-to-noise ratio would be 1. The rate with bandwidth
    /// b is b·log₂(1 + a_k/b), so every bandwidth formula of the problem depends on the channel through a_k only.
    /// </summary>
    public double SnrBandwidthHz { get; }

    /// <inheritdoc/>
    public override string ToString() => $"user '{Id}'";
}
