using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using PartialLoading.Tests.Cli;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Reliability;

/// <summary>
/// Issue 19: a plsolve process killed while it writes <c>--out</c> leaves the old schedule.csv/summary.json pair or the
/// new one, whole, never a mix, and the next run removes what it left; a full disk costs the files, not the result.
/// </summary>
[NonParallelizable]
public class OutputKillTests
{
    private static readonly string ThreeModels = RepositoryPaths.Instance("three-models");

    private static readonly Dictionary<string, string> Steps = new() { ["PLSOLVE_TEST_OUTPUT_STEP_MS"] = "50" };

    [Test]
    public void A_kill_before_any_step_of_writing_out_leaves_the_old_pair_or_the_new_pair_whole()
    {
        using var folder = InstanceFolder.Empty();
        string output = folder.File("out");
        Directory.CreateDirectory(output);
        folder.Write("out/notes.txt", "the user's own file");
        Assert.That(PlsolveRun.Of("solve", ThreeModels, "--solver", "fifo", "--out", output).ExitCode, Is.EqualTo(0));
        Assert.That(SolverOfPair(output), Is.EqualTo("fifo"));

        var seen = new List<string>();
        for (int step = 0; ; step++)
        {
            using var process = PlsolveProcess.Start(Steps, "solve", ThreeModels, "--solver", "greedy", "--out", output);
            int announced = 0;
            string? name = null;
            bool reached = process.WaitForLine(line =>
            {
                if (!line.StartsWith("plsolve-test: output step: ", StringComparison.Ordinal) || announced++ != step)
                {
                    return false;
                }

                name = line["plsolve-test: output step: ".Length..];
                return true;
            });
            if (!reached)
            {
                Assert.That(process.WaitForExit().Code, Is.EqualTo(0), process.Stderr);
                break; // past the last step: this run finished
            }

            process.Kill();
            seen.Add(name!);
            Assert.That(SolverOfPair(output), Is.EqualTo("fifo").Or.EqualTo("greedy"), $"killed before '{name}'");
            Assert.That(File.ReadAllText(Path.Combine(output, "notes.txt")), Is.EqualTo("the user's own file"), $"killed before '{name}'");
        }

        Assert.That(seen, Is.SupersetOf(new[] { "staging", "writing schedule.csv", "writing summary.json", "exchanging", "removing the old files" }));
        Assert.That(SolverOfPair(output), Is.EqualTo("greedy"));
        Assert.That(Directory.EnumerateFileSystemEntries(folder.Path, ".*.tmp", SearchOption.AllDirectories), Is.Empty, "the last run removed what the killed ones left");
    }

    [Test]
    public void A_full_disk_prints_the_result_says_so_in_one_line_exits_2_and_leaves_no_half_file()
    {
        // 64 KiB of tmpfs, all taken: the check before solving (an empty probe file) passes, the schedule then does not fit.
        (int code, string stdout, string stderr) = InPrivateMount(
            "mount -t tmpfs -o size=64k tmpfs \"$D\" || exit 99; head -c 65536 /dev/zero > \"$D/fill\" 2>/dev/null",
            ["solve", RepositoryPaths.Instance("synthetic-bottom-100-common"), "--solver", "greedy", "--bound", "none"]);

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stdout, Does.Contain("solver     greedy  status heuristic"), "the result is printed");
        Assert.That(stdout, Does.Not.Contain("written "));
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith("plsolve: ").And.Contain("cannot be written (No space left on device").And.EndWith("the result above is not saved"));
        Assert.That(stdout, Does.Contain("LEFT:fill out\n"), "nothing but the filler and the empty folder is left");
    }

    [Test]
    public void A_read_only_folder_is_refused_before_solving_in_one_line()
    {
        (int code, string stdout, string stderr) = InPrivateMount(
            "mount -t tmpfs -o ro,size=64k tmpfs \"$D\" || exit 99",
            ["solve", ThreeModels, "--solver", "greedy"]);

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("cannot be written").And.Contain("Read-only file system"));
        Assert.That(stdout, Does.Not.Contain("solver "), "nothing was solved");
    }

    /// <summary>The solver named by the summary.json in <paramref name="output"/>, after checking that it names its schedule.csv.</summary>
    private static string SolverOfPair(string output)
    {
        byte[] schedule = File.ReadAllBytes(Path.Combine(output, "schedule.csv"));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.That(summary.RootElement.GetProperty("schedule_sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(schedule))), "a mixed pair");
        return summary.RootElement.GetProperty("solver").GetString()!;
    }

    /// <summary>
    /// Runs plsolve with <c>--out $D/out</c> in a private mount namespace (<c>unshare -rm</c>: no mount outlives it),
    /// after <paramref name="prepare"/> has mounted something at <c>$D</c>; stdout ends with <c>LEFT:</c> and what is
    /// left in <c>$D</c> and <c>$D/out</c>. Ignored where namespaces or mounts are not allowed.
    /// </summary>
    private static (int Code, string Stdout, string Stderr) InPrivateMount(string prepare, string[] args)
    {
        using var folder = InstanceFolder.Empty();
        string script = $"D='{folder.Path}'; {prepare}; dotnet exec \"$0\" \"$@\" --out \"$D/out\"; code=$?; "
            + "printf 'LEFT:%s\\n' \"$(cd \"$D\" && ls -A . out 2>/dev/null | grep -v ':$' | grep -v '^$' | sort | tr '\\n' ' ' | sed 's/ $//')\"; exit $code";
        var info = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["-rm", "sh", "-c", script, Path.Combine(AppContext.BaseDirectory, "plsolve.dll"), .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("plsolve did not end within a minute");
        }

        if (process.ExitCode == 99 || stderr.Result.StartsWith("unshare:", StringComparison.Ordinal))
        {
            Assert.Ignore($"no private mount namespace here ({stderr.Result.Trim()}); the code path is the same as for any IOException of the write");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
