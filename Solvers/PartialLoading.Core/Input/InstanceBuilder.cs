using System.Collections.Immutable;
using PartialLoading.Core.Model;

namespace PartialLoading.Core.Input;

/// <summary>
/// Builds an <see cref="Instance"/> in code, with every validation rule of docs/model.md §7. <see cref="Build"/> reports
/// all problems at once, worded as the CSV reader words them (the reader goes through this builder too).
/// </summary>
/// <example>
/// <code>
/// Instance instance = new InstanceBuilder("example")
///     .SetServer(loadRateMbPerSecond: 1000, bandwidthHz: 20e6, noiseDbmPerHz: -174)
///     .AddBlock("alpha", 500).AddBlock("beta", 200)
///     .AddModel("A", 0.05, "alpha").AddModel("B", 0.05, "alpha", "beta")
///     .AddUser("u1", "B", dataMbit: 1, deadlineSeconds: 2, powerWatts: 0.2, gainDb: -100)
///     .Build();
/// </code>
/// </example>
public sealed class InstanceBuilder
{
    private readonly string _name;
    private readonly List<ServerRow> _servers = [];
    private readonly List<BlockRow> _blocks = [];
    private readonly List<ModelRow> _models = [];
    private readonly List<UserRow> _users = [];

    /// <summary>Starts an empty instance with the given name (used in reports).</summary>
    public InstanceBuilder(string name = "instance")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    // Set by the CSV reader when a whole file could not be read: references into it are then not checked,
    // because every one of them would be reported as unknown.
    internal bool BlocksUnavailable { get; set; }

    internal bool ModelsUnavailable { get; set; }

    internal bool ServerUnavailable { get; set; }

    /// <summary>Sets the server (exactly once).</summary>
    /// <param name="loadRateMbPerSecond">R in MB/s, &gt; 0.</param>
    /// <param name="bandwidthHz">B in Hz, &gt; 0.</param>
    /// <param name="noiseDbmPerHz">N₀ in dBm/Hz (typically −174).</param>
    /// <param name="initialModel">Id of the model in GPU memory at time 0, or null for empty memory.</param>
    public InstanceBuilder SetServer(double loadRateMbPerSecond, double bandwidthHz, double noiseDbmPerHz = -174.0, string? initialModel = null)
    {
        AddServer(
            new InputLocation("server", null),
            Field.Of(loadRateMbPerSecond),
            Field.Of(bandwidthHz),
            Field.Of(noiseDbmPerHz),
            initialModel is null ? null : Field.Of(initialModel));
        return this;
    }

    /// <summary>Adds a parameter block.</summary>
    public InstanceBuilder AddBlock(string id, double sizeMb)
    {
        ArgumentNullException.ThrowIfNull(id);
        AddBlock(new InputLocation($"block '{id}'", null), Field.Of(id), Field.Of(sizeMb));
        return this;
    }

    /// <summary>Adds a model made of the named blocks.</summary>
    public InstanceBuilder AddModel(string id, double inferenceSeconds, params IEnumerable<string> blocks)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(blocks);
        AddModel(new InputLocation($"model '{id}'", null), Field.Of(id), Field.Of(inferenceSeconds), [.. blocks], null);
        return this;
    }

    /// <summary>Adds a user (one request).</summary>
    /// <param name="id">Unique user id.</param>
    /// <param name="modelId">The model the request needs.</param>
    /// <param name="dataMbit">Input size D in Mbit, &gt; 0.</param>
    /// <param name="deadlineSeconds">Deadline T in s from time 0, &gt; 0.</param>
    /// <param name="powerWatts">Transmit power p in W, &gt; 0.</param>
    /// <param name="gainDb">Channel gain g in dB.</param>
    /// <param name="weight">Weight w, &gt; 0 (default 1).</param>
    public InstanceBuilder AddUser(string id, string modelId, double dataMbit, double deadlineSeconds, double powerWatts, double gainDb, double weight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(modelId);
        AddUser(
            new InputLocation($"user '{id}'", null),
            Field.Of(id),
            Field.Of(modelId),
            Field.Of(dataMbit),
            Field.Of(deadlineSeconds),
            Field.Of(powerWatts),
            Field.Of(gainDb),
            Field.Of(weight));
        return this;
    }

    /// <summary>Validates everything and returns the instance.</summary>
    /// <exception cref="InvalidInputException">One or more rules of docs/model.md §7 are broken; all are listed.</exception>
    public Instance Build()
    {
        var problems = new List<InputProblem>();
        Instance? instance = TryBuild(problems);
        return problems.Count > 0 || instance is null ? throw new InvalidInputException(problems) : instance;
    }

    internal void AddServer(InputLocation at, Field<double> loadRate, Field<double> bandwidth, Field<double> noise, Field<string>? initialModel)
        => _servers.Add(new ServerRow(at, loadRate, bandwidth, noise, initialModel));

    internal void AddBlock(InputLocation at, Field<string> id, Field<double> size) => _blocks.Add(new BlockRow(at, id, size));

    internal void AddModel(InputLocation at, Field<string> id, Field<double> inference, IReadOnlyList<string>? blocks, string? blocksText)
        => _models.Add(new ModelRow(at, id, inference, blocks, blocksText));

    internal void AddUser(
        InputLocation at,
        Field<string> id,
        Field<string> model,
        Field<double> dataMbit,
        Field<double> deadline,
        Field<double> power,
        Field<double> gainDb,
        Field<double> weight)
        => _users.Add(new UserRow(at, id, model, dataMbit, deadline, power, gainDb, weight));

    /// <summary>Appends every problem to <paramref name="problems"/>; returns the instance when there is none.</summary>
    internal Instance? TryBuild(List<InputProblem> problems)
    {
        int before = problems.Count;
        // When the reader could not use server.csv it has said why; the other files are still checked.
        if (!ServerUnavailable && _servers.Count != 1)
        {
            string message = _servers.Count == 0 ? "not set (call SetServer once)" : $"set {_servers.Count} times (set it once)";
            problems.Add(new InputProblem("server", null, null, message));
        }

        ImmutableArray<Block> blocks = ValidateBlocks(problems, out Dictionary<string, int> blockIndex);
        ImmutableArray<AiModel> models = ValidateModels(problems, blocks, blockIndex, out Dictionary<string, int> modelIndex);
        Server? server = _servers.Count == 1 && !ServerUnavailable ? ValidateServer(problems, _servers[0], modelIndex) : null;
        ImmutableArray<User> users = ValidateUsers(problems, modelIndex, server);

        return problems.Count > before || server is null ? null : new Instance(_name, server, blocks, models, users);
    }

    /// <summary>The server, or null when one of its cells is invalid (then users are not checked against it).</summary>
    private Server? ValidateServer(List<InputProblem> problems, ServerRow row, Dictionary<string, int> modelIndex)
    {
        bool ok = Positive(problems, row.At, "load_rate_mb_per_s", row.LoadRate) && Within(problems, row.At, "load_rate_mb_per_s", row.LoadRate, InputEnvelope.LoadRate, "MB/s");
        ok &= Positive(problems, row.At, "bandwidth_hz", row.Bandwidth) && Within(problems, row.At, "bandwidth_hz", row.Bandwidth, InputEnvelope.Bandwidth, "Hz");
        ok &= Finite(problems, row.At, "noise_dbm_per_hz", row.Noise) && Within(problems, row.At, "noise_dbm_per_hz", row.Noise, InputEnvelope.Noise, "dBm/Hz");
        int? initial = null;
        if (row.InitialModel is Field<string> model && model.IsValid && !ModelsUnavailable)
        {
            if (modelIndex.TryGetValue(model.Value, out int index))
            {
                initial = index;
            }
            else
            {
                problems.Add(row.At.Problem("initial_model", $"unknown model '{InputEcho.Cell(model.Value)}'"));
            }
        }

        return ok ? new Server(row.LoadRate.Value, row.Bandwidth.Value, row.Noise.Value, initial) : null;
    }

    private ImmutableArray<Block> ValidateBlocks(List<InputProblem> problems, out Dictionary<string, int> index)
    {
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, InputLocation>(StringComparer.Ordinal);
        var blocks = ImmutableArray.CreateBuilder<Block>(_blocks.Count);
        foreach (BlockRow row in _blocks)
        {
            bool idOk = UniqueId(problems, row.At, "block_id", row.Id, firstSeen);
            bool sizeOk = Positive(problems, row.At, "size_mb", row.Size) && Within(problems, row.At, "size_mb", row.Size, InputEnvelope.BlockSize, "MB");
            if (idOk)
            {
                // Registered even when the size is wrong (as −1), so models using it are not reported too.
                index[row.Id.Value] = sizeOk ? blocks.Count : -1;
            }

            if (idOk && sizeOk)
            {
                blocks.Add(new Block(row.Id.Value, row.Size.Value));
            }
        }

        return blocks.DrainToImmutable();
    }

    private ImmutableArray<AiModel> ValidateModels(
        List<InputProblem> problems,
        ImmutableArray<Block> blocks,
        Dictionary<string, int> blockIndex,
        out Dictionary<string, int> index)
    {
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, InputLocation>(StringComparer.Ordinal);
        var models = ImmutableArray.CreateBuilder<AiModel>(_models.Count);
        foreach (ModelRow row in _models)
        {
            bool ok = UniqueId(problems, row.At, "model_id", row.Id, firstSeen);
            ok &= NonNegative(problems, row.At, "inference_s", row.Inference) && Within(problems, row.At, "inference_s", row.Inference, InputEnvelope.Inference, "s");
            int[]? blockIds = row.Blocks is null ? null : ResolveBlocks(problems, row, blockIndex);
            ok &= blockIds is not null;
            if (row.Id.IsValid)
            {
                // Register the id even when another cell is wrong, so users of this model are not reported too.
                index.TryAdd(row.Id.Value, ok ? models.Count : -1);
            }

            if (ok)
            {
                Array.Sort(blockIds!);
                double size = 0.0;
                foreach (int block in blockIds!)
                {
                    size += blocks[block].SizeMb;
                }

                models.Add(new AiModel(row.Id.Value, row.Inference.Value, ImmutableArray.Create(blockIds!), size));
            }
        }

        return models.DrainToImmutable();
    }

    private int[]? ResolveBlocks(List<InputProblem> problems, ModelRow row, Dictionary<string, int> blockIndex)
    {
        IReadOnlyList<string> ids = row.Blocks!;
        if (ids.Count == 0 || (ids.Count == 1 && ids[0].Length == 0))
        {
            problems.Add(row.At.Problem("blocks", "the block list is empty (a model needs at least one block)"));
            return null;
        }

        bool ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var resolved = new List<int>(ids.Count);
        foreach (string id in ids)
        {
            if (id.Length == 0)
            {
                problems.Add(row.At.Problem("blocks", $"empty block id in the list '{InputEcho.Cell(row.BlocksText ?? string.Join(';', ids))}'"));
                ok = false;
            }
            else if (!seen.Add(id))
            {
                problems.Add(row.At.Problem("blocks", $"block '{InputEcho.Cell(id)}' is listed twice"));
                ok = false;
            }
            else if (blockIndex.TryGetValue(id, out int block))
            {
                // −1: the block's own row is invalid and reported there.
                ok &= block >= 0;
                resolved.Add(block);
            }
            else
            {
                if (!BlocksUnavailable)
                {
                    problems.Add(row.At.Problem("blocks", $"unknown block '{InputEcho.Cell(id)}'"));
                }

                ok = false;
            }
        }

        return ok ? [.. resolved] : null;
    }

    private ImmutableArray<User> ValidateUsers(List<InputProblem> problems, Dictionary<string, int> modelIndex, Server? server)
    {
        var firstSeen = new Dictionary<string, InputLocation>(StringComparer.Ordinal);
        var users = ImmutableArray.CreateBuilder<User>(_users.Count);
        foreach (UserRow row in _users)
        {
            bool ok = UniqueId(problems, row.At, "user_id", row.Id, firstSeen);
            int model = -1;
            if (!row.Model.IsValid || ModelsUnavailable)
            {
                ok = false;
            }
            else if (!modelIndex.TryGetValue(row.Model.Value, out model))
            {
                problems.Add(row.At.Problem("model_id", $"unknown model '{InputEcho.Cell(row.Model.Value)}'"));
                ok = false;
            }
            else if (model < 0)
            {
                ok = false; // the model's own row is invalid and reported there
            }

            ok &= Positive(problems, row.At, "data_mbit", row.DataMbit) && Within(problems, row.At, "data_mbit", row.DataMbit, InputEnvelope.DataMbit, "Mbit");
            ok &= Positive(problems, row.At, "deadline_s", row.Deadline) && Within(problems, row.At, "deadline_s", row.Deadline, InputEnvelope.Deadline, "s");
            ok &= Positive(problems, row.At, "power_w", row.Power) && Within(problems, row.At, "power_w", row.Power, InputEnvelope.Power, "W");
            ok &= Finite(problems, row.At, "gain_db", row.GainDb) && Within(problems, row.At, "gain_db", row.GainDb, InputEnvelope.GainDb, "dB");
            ok &= Positive(problems, row.At, "weight", row.Weight) && Within(problems, row.At, "weight", row.Weight, InputEnvelope.Weight, string.Empty);
            if (!ok || server is null)
            {
                continue;
            }

            double snr = Units.SnrBandwidthHz(row.Power.Value, row.GainDb.Value, server.NoiseDbmPerHz);
            if (!(snr > 0.0) || double.IsInfinity(snr))
            {
                problems.Add(row.At.Problem(
                    "gain_db",
                    $"with power {row.Power.Text} W and noise {server.NoiseDbmPerHz} dBm/Hz the signal-to-noise bandwidth p·g/N0 is {snr} Hz, which is not a positive finite number"));
                continue;
            }

            users.Add(new User(row.Id.Value, model, row.DataMbit.Value, row.Deadline.Value, row.Power.Value, row.GainDb.Value, row.Weight.Value, snr));
        }

        return users.DrainToImmutable();
    }

    private static bool UniqueId(List<InputProblem> problems, InputLocation at, string column, Field<string> id, Dictionary<string, InputLocation> firstSeen)
    {
        if (!id.IsValid)
        {
            return false;
        }

        if (id.Value.Length == 0)
        {
            problems.Add(at.Problem(column, "the cell is empty"));
            return false;
        }

        if (id.Value.Any(InputEcho.IsHidden))
        {
            // A line break or an escape in an id would break every table and message that names it.
            problems.Add(at.Problem(column, $"'{InputEcho.Cell(id.Value)}' holds a control or invisible character, which an id may not"));
            return false;
        }

        if (column == "block_id" && id.Value.Contains(';', StringComparison.Ordinal))
        {
            problems.Add(at.Problem(column, $"'{InputEcho.Cell(id.Value)}' holds ';', the separator of models.csv's block lists, so no model could name it"));
            return false;
        }

        if (firstSeen.TryGetValue(id.Value, out InputLocation first))
        {
            string where = first.Line is int line ? $" (first defined on line {line})" : string.Empty;
            problems.Add(at.Problem(column, $"duplicate id '{InputEcho.Cell(id.Value)}'{where}"));
            return false;
        }

        firstSeen[id.Value] = at;
        return true;
    }

    private static bool Finite(List<InputProblem> problems, InputLocation at, string column, Field<double> value)
    {
        if (!value.IsValid)
        {
            return false;
        }

        if (!double.IsFinite(value.Value))
        {
            problems.Add(at.Problem(column, $"'{InputEcho.Cell(value.Text)}' is not a finite number"));
            return false;
        }

        return true;
    }

    private static bool Within(List<InputProblem> problems, InputLocation at, string column, Field<double> value, ValueRange range, string unit)
    {
        if (range.Contains(value.Value))
        {
            return true;
        }

        string inUnit = unit.Length == 0 ? string.Empty : $" {unit}";
        problems.Add(at.Problem(column, $"'{InputEcho.Cell(value.Text)}' is outside the range {range}{inUnit} in which the model is computed faithfully (docs/model.md §7)"));
        return false;
    }

    private static bool Positive(List<InputProblem> problems, InputLocation at, string column, Field<double> value)
    {
        if (!Finite(problems, at, column, value))
        {
            return false;
        }

        if (!(value.Value > 0.0))
        {
            problems.Add(at.Problem(column, $"must be greater than 0, got '{InputEcho.Cell(value.Text)}'"));
            return false;
        }

        return true;
    }

    private static bool NonNegative(List<InputProblem> problems, InputLocation at, string column, Field<double> value)
    {
        if (!Finite(problems, at, column, value))
        {
            return false;
        }

        if (!(value.Value >= 0.0))
        {
            problems.Add(at.Problem(column, $"must be at least 0, got '{InputEcho.Cell(value.Text)}'"));
            return false;
        }

        return true;
    }

    private sealed record ServerRow(InputLocation At, Field<double> LoadRate, Field<double> Bandwidth, Field<double> Noise, Field<string>? InitialModel);

    private sealed record BlockRow(InputLocation At, Field<string> Id, Field<double> Size);

    private sealed record ModelRow(InputLocation At, Field<string> Id, Field<double> Inference, IReadOnlyList<string>? Blocks, string? BlocksText);

    private sealed record UserRow(
        InputLocation At,
        Field<string> Id,
        Field<string> Model,
        Field<double> DataMbit,
        Field<double> Deadline,
        Field<double> Power,
        Field<double> GainDb,
        Field<double> Weight);
}
