using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PartialLoading.Cli.Commands;

/// <summary>Arguments and options several commands share, so they read and validate the same way.</summary>
internal static class CommonOptions
{
    public static Argument<string> InstanceDirectory() => NonEmpty(new Argument<string>("DIR")
    {
        Description = "Instance folder with server.csv, blocks.csv, models.csv and users.csv (docs/model.md §7).",
    });

    public static Option<bool> Json(string what) => new("--json")
    {
        Description = $"Print {what} as one JSON object on stdout instead of text.",
    };

    /// <summary>An option naming a file or folder; an empty value is a usage error, not a failure when it is used.</summary>
    public static Option<string?> Path(string name, string description, params string[] aliases)
    {
        var option = new Option<string?>(name, aliases) { Description = description };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && string.IsNullOrWhiteSpace(r.Tokens[0].Value))
            {
                r.AddError($"{name} needs a path, got an empty one");
            }
        });
        return option;
    }

    /// <summary>Rejects an empty path argument at parse time.</summary>
    public static Argument<string> NonEmpty(Argument<string> argument)
    {
        argument.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && string.IsNullOrWhiteSpace(r.Tokens[0].Value))
            {
                r.AddError($"{argument.Name} needs a path, got an empty one");
            }
        });
        return argument;
    }

    /// <summary>Rejects an empty path among the values of a path argument at parse time (not "&lt;empty&gt;: folder not found").</summary>
    public static Argument<string[]> NonEmpty(Argument<string[]> argument)
    {
        argument.Validators.Add(r =>
        {
            if (r.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
            {
                r.AddError($"{argument.Name} needs a path, got an empty one");
            }
        });
        return argument;
    }

    /// <summary>
    /// The option's value as typed. Validators read it rather than the converted value, which throws when the
    /// conversion failed (that failure is already reported as a parse error of its own).
    /// </summary>
    public static string? Token(OptionResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
}
