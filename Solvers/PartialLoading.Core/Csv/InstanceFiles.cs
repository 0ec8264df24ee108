namespace PartialLoading.Core.Csv;

/// <summary>The four files of an instance folder and their columns (docs/model.md §7).</summary>
internal static class InstanceFiles
{
    public const string Server = "server.csv";
    public const string Blocks = "blocks.csv";
    public const string Models = "models.csv";
    public const string Users = "users.csv";

    public static readonly CsvSchema ServerSchema = new(["load_rate_mb_per_s", "bandwidth_hz", "noise_dbm_per_hz", "initial_model"], []);
    public static readonly CsvSchema BlocksSchema = new(["block_id", "size_mb"], []);
    public static readonly CsvSchema ModelsSchema = new(["model_id", "inference_s", "blocks"], []);
    public static readonly CsvSchema UsersSchema = new(["user_id", "model_id", "data_mbit", "deadline_s", "power_w", "gain_db"], ["weight"]);

    /// <summary>The separator of block ids in the <c>blocks</c> column.</summary>
    public const char BlockSeparator = ';';
}
