using MathNet.Numerics.Distributions;
using PartialLoading.Bandwidth;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Generation;

/// <summary>
/// Turns a <see cref="ModelZoo"/> into an instance the same way for every scenario: users with Zipf-popular models,
/// dropped in a <see cref="CellChannel"/> cell, uploading a payload drawn from their model's range, and deadlines
/// set from the work it would take to serve everybody.
/// </summary>
/// <remarks>
/// <para>
/// Deadlines are tied to H, the least busy time to serve every user: each block that some requested model uses
/// loaded once, plus every request's inference, <c>H = Σ_{j used} s_j / R + Σ_k c_{m_k}</c> (no order can do
/// better). With the load factor ρ the time frame is <c>H/ρ</c>:
/// </para>
/// <list type="bullet">
/// <item><b>common</b> deadline <c>T = max(H/ρ, min_k e_k)</c> (unless given): with ρ &gt; 1 nobody can serve everybody,
/// and at least the quickest user can be served;</item>
/// <item><b>per-user</b> deadlines <c>T_k = e_k + U_k·H/ρ</c> with U_k uniform in [0, 1], where
/// <c>e_k = max(L(∅, m_k), u_k(B)) + c_{m_k}</c> is the earliest user k could finish alone (its model loaded into empty
/// memory, its upload with the whole band): every user can be served on its own, and the deadlines spread over the
/// time frame, so the order decides who makes it.</item>
/// </list>
/// <para>
/// Numbers are rounded to what a person would write (gains to 0.01 dB, payloads to 1 kbit, deadlines up to 0.1 ms)
/// so the files are readable and identical on every platform.
/// </para>
/// </remarks>
internal static class InstanceComposer
{
    /// <summary>Builds the instance of <paramref name="zoo"/> for <paramref name="settings"/>.</summary>
    public static Instance Compose(ModelZoo zoo, GenerationSettings settings, RandomStreams streams)
    {
        ArgumentNullException.ThrowIfNull(zoo);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(streams);
        if (zoo.Models.Count == 0)
        {
            throw new ArgumentException("The zoo has no models.", nameof(zoo));
        }

        Random users = streams.Create(DrawPurpose.Users);
        var popularity = new ModelPopularity(zoo.Models.Count, settings.ZipfExponent, streams.Create(DrawPurpose.Popularity), users);
        var channel = new CellChannel(settings.CellRadiusMeters, users);
        var unit = new ContinuousUniform(0.0, 1.0, users);

        var drawn = new DrawnUser[settings.Users];
        for (int k = 0; k < drawn.Length; k++)
        {
            int model = popularity.Draw();
            double gainDb = Math.Round(channel.DrawGainDb(), 2);
            PayloadRange payload = zoo.Models[model].Payload;
            double dataMbit = Math.Max(0.001, Math.Round(payload.MinMbit + ((payload.MaxMbit - payload.MinMbit) * unit.Sample()), 3));
            drawn[k] = new DrawnUser(model, gainDb, dataMbit, unit.Sample());
        }

        double rate = settings.LoadRateMbPerSecond;
        double[] earliest = [.. drawn.Select(u => EarliestFinish(zoo.Models[u.Model], u, settings))];
        double horizon = LeastBusySeconds(zoo, drawn, rate);
        double frame = horizon / settings.LoadFactor;

        var builder = new InstanceBuilder(settings.Name)
            .SetServer(rate, settings.BandwidthHz, CellChannel.NoiseDbmPerHz);
        foreach (ZooBlock block in zoo.Blocks)
        {
            builder.AddBlock(block.Id, block.SizeMb);
        }

        foreach (ZooModel model in zoo.Models)
        {
            builder.AddModel(model.Id, model.InferenceSeconds, model.Blocks.Select(j => zoo.Blocks[j].Id));
        }

        double common = settings.CommonDeadlineSeconds
            ?? (drawn.Length == 0 ? 1.0 : RoundUp(Math.Max(frame, earliest.Min())));
        for (int k = 0; k < drawn.Length; k++)
        {
            DrawnUser user = drawn[k];
            double deadline = settings.Deadlines == DeadlineMode.Common ? common : RoundUp(earliest[k] + (user.DeadlineDraw * frame));
            builder.AddUser(
                SequentialId.Of("u", k + 1, drawn.Length),
                zoo.Models[user.Model].Id,
                user.DataMbit,
                deadline,
                CellChannel.PowerWatts,
                user.GainDb);
        }

        return builder.Build();
    }

    /// <summary>e_k: the model loaded into empty memory, or the upload with the whole band, whichever ends later, then inference.</summary>
    private static double EarliestFinish(ZooModel model, DrawnUser user, GenerationSettings settings)
    {
        double snr = Units.SnrBandwidthHz(CellChannel.PowerWatts, user.GainDb, CellChannel.NoiseDbmPerHz);
        double upload = UplinkRate.UploadSeconds(snr, user.DataMbit * 1e6, settings.BandwidthHz);
        return Math.Max(model.SizeMb / settings.LoadRateMbPerSecond, upload) + model.InferenceSeconds;
    }

    /// <summary>H: every block of a requested model loaded once, every request's inference run.</summary>
    private static double LeastBusySeconds(ModelZoo zoo, DrawnUser[] users, double rate)
    {
        var used = new bool[zoo.Blocks.Count];
        double inference = 0.0;
        foreach (DrawnUser user in users)
        {
            ZooModel model = zoo.Models[user.Model];
            inference += model.InferenceSeconds;
            foreach (int block in model.Blocks)
            {
                used[block] = true;
            }
        }

        double loadMb = 0.0;
        for (int j = 0; j < used.Length; j++)
        {
            loadMb += used[j] ? zoo.Blocks[j].SizeMb : 0.0;
        }

        return (loadMb / rate) + inference;
    }

    /// <summary>Up to the next 0.1 ms, so a deadline is never tighter than the value it was computed from.</summary>
    private static double RoundUp(double seconds) => Math.Ceiling(seconds * 1e4) / 1e4;

    private readonly record struct DrawnUser(int Model, double GainDb, double DataMbit, double DeadlineDraw);
}
