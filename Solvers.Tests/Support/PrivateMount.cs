using System.Diagnostics;

namespace PartialLoading.Tests.Support;

/// <summary>
/// Runs a shell script in a private mount namespace (<c>unshare -rm</c>: no mount outlives it), with <c>$D</c> an
/// empty temporary folder to mount something at and <c>$P</c> the command that runs plsolve (<c>$P generate …</c>).
/// Ignores the test where namespaces or mounts are not allowed (the script exits 99 when its mount fails).
/// </summary>
internal static class PrivateMount
{
    public static (int Code, string Stdout, string Stderr) Run(string script)
    {
        using var folder = InstanceFolder.Empty();
        var info = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string plsolve = Path.Combine(AppContext.BaseDirectory, "plsolve.dll");
        foreach (string arg in (string[])["-rm", "sh", "-c", $"export LC_ALL=C; D='{folder.Path}'; P='dotnet exec {plsolve}'; {script}"])
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the script did not end within two minutes");
        }

        if (process.ExitCode == 99 || stderr.Result.StartsWith("unshare:", StringComparison.Ordinal))
        {
            Assert.Ignore($"no private mount namespace here ({stderr.Result.Trim()})");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
