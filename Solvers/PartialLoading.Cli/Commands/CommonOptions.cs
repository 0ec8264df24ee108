using System.CommandLine;

namespace PartialLoading.Cli.Commands;

/// <summary>Arguments and options several commands share, so they read and validate the same way.</summary>
internal static class CommonOptions
{
    public static Argument<string> InstanceDirectory() => new("DIR")
    {
        Description = "Instance folder with server.csv, blocks.csv, models.csv and users.csv (docs/model.md §7).",
    };

    public static Option<bool> Json(string what) => new("--json")
    {
        Description = $"Print {what} as one JSON object on stdout instead of text.",
    };
}
