using System.Diagnostics;
using System.Text.Json;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

/// <summary>
/// <c>--json</c> output, read as a separate process reads it: native solvers print straight to the process's stdout,
/// which an in-process run (<see cref="PlsolveRun"/>) never sees. bandwidth-bound is one the exact solvers must
/// actually solve (on three-models the warm start already serves everybody).
/// </summary>
public class JsonStdoutTests
{
    [TestCase("milp", "scip")]
    [TestCase("milp", "highs")]
    [TestCase("milp", "cbc")]
    [TestCase("cpsat", "scip")]
    public void Stdout_of_solve_json_is_one_json_object_whatever_the_backend(string solver, string backend)
    {
        string plsolve = Path.Combine(AppContext.BaseDirectory, "plsolve.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { plsolve, "solve", RepositoryPaths.Instance("bandwidth-bound"), "--solver", solver, "--backend", backend, "--time-limit", "20", "--json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(0), error.Result);
        using JsonDocument summary = JsonDocument.Parse(output);
        Assert.That(summary.RootElement.GetProperty("status").GetString(), Is.EqualTo("optimal"), output);
    }
}
