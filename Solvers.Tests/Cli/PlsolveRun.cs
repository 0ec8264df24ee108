using PartialLoading.Cli;

namespace PartialLoading.Tests.Cli;

/// <summary>Runs <c>plsolve</c> in-process and captures what it prints.</summary>
internal sealed record PlsolveRun(int ExitCode, string Out, string Error)
{
    public static PlsolveRun Of(params string[] args) => Run(args, CancellationToken.None);

    /// <summary>Runs with Ctrl-C already pressed (a cancelled token), as a user who interrupts at once.</summary>
    public static PlsolveRun Interrupted(params string[] args) => Run(args, new CancellationToken(canceled: true));

    private static PlsolveRun Run(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = PlsolveApp.Run(args, output, error, cancellationToken);
        return new PlsolveRun(code, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
