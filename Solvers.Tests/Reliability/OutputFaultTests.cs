using System.Security.Cryptography;
using System.Text.Json;
using PartialLoading.Tests.Cli;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Reliability;

/// <summary>
/// Issue 19, items 6, 11, 12 and the Ctrl-C convention: output paths checked before solving, existing files kept
/// until results replace them, a consistent schedule.csv/summary.json pair, stale temporaries removed, and sweeps
/// that survive a broken instance.
/// </summary>
public class OutputFaultTests
{
    private static readonly string ThreeModels = RepositoryPaths.Instance("three-models");

    [Test]
    public void Compare_solves_the_other_instances_when_one_is_broken_and_exits_2()
    {
        using var library = InstanceFolder.Empty();
        using var good = new InstanceFolder();
        using var bad = new InstanceFolder(users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,C,abc,1.2,0.2,-100\n");
        CopyInto(bad.Path, Path.Combine(library.Path, "a-broken"));
        CopyInto(good.Path, Path.Combine(library.Path, "b-good"));

        PlsolveRun run = PlsolveRun.Of("compare", library.Path, "--solvers", "greedy,fifo", "--bound", "none", "--out", library.File("out.csv"), "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"{Path.Combine(library.Path, "a-broken", "users.csv")}:2: column 'data_mbit': 'abc' is not a number" }));
        string[] rows = File.ReadAllLines(library.File("out.csv"));
        Assert.That(rows.Count(r => r.StartsWith("a-broken,0,", StringComparison.Ordinal) && r.Contains(",invalid-input,")), Is.EqualTo(2));
        Assert.That(rows.Count(r => r.StartsWith("b-good,3,", StringComparison.Ordinal) && !r.Contains(",invalid-input,")), Is.EqualTo(2), "both solvers ran on the good instance");
    }

    [Test]
    public void Compare_keeps_an_existing_out_file_until_results_replace_it()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("out.csv", "earlier results\n");

        PlsolveRun run = PlsolveRun.Interrupted("compare", ThreeModels, "--solvers", "greedy", "--out", folder.File("out.csv"), "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(130), run.Error);
        Assert.That(File.ReadAllText(folder.File("out.csv")), Is.EqualTo("earlier results\n"));
    }

    [TestCase("solve")]
    [TestCase("compare")]
    public void An_unusable_out_is_refused_before_solving(string command)
    {
        using var folder = InstanceFolder.Empty();
        string target = command == "solve" ? folder.File("a-file") : folder.Path; // solve wants a folder, compare a file
        folder.Write("a-file", "x");
        string[] args = command == "solve"
            ? ["solve", ThreeModels, "--solver", "greedy", "--out", target]
            : ["compare", ThreeModels, "--solvers", "greedy", "--out", target];

        PlsolveRun run = PlsolveRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.Error);
        // compare has three output paths (--out, --stats, --profile), so its line names the option.
        Assert.That(run.Error, Does.StartWith(command == "solve" ? $"plsolve: {target}: is a" : $"plsolve: --out {target}: is a"));
        Assert.That(run.Out, Is.Empty, "nothing was solved");
    }

    [Test]
    public void Summary_names_its_schedule_by_hash_and_stale_temporaries_are_removed()
    {
        using var folder = InstanceFolder.Empty();
        string stale = folder.File($".summary.json.{int.MaxValue}.{Guid.NewGuid():N}.tmp"); // no process has this id
        string live = folder.File($".summary.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        folder.Write(Path.GetFileName(stale), "killed before its rename");
        folder.Write(Path.GetFileName(live), "a write under way");

        PlsolveRun run = PlsolveRun.Of("solve", ThreeModels, "--solver", "greedy", "--out", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.File("schedule.csv"))));
        Assert.That(JsonDocument.Parse(File.ReadAllText(folder.File("summary.json"))).RootElement.GetProperty("schedule_sha256").GetString(), Is.EqualTo(hash));
        Assert.That(File.Exists(stale), Is.False, "a dead writer's temporary is removed");
        Assert.That(File.Exists(live), Is.True, "a live writer's temporary is left alone");
    }

    [Test]
    public void Solve_interrupted_shows_its_best_schedule_and_exits_130()
    {
        PlsolveRun run = PlsolveRun.Interrupted("solve", ThreeModels, "--solver", "greedy");

        Assert.That(run.ExitCode, Is.EqualTo(130), run.Error);
        Assert.That(run.Out, Does.Contain("solver     greedy"));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "plsolve: interrupted: the schedule shown is the best found before Ctrl-C" }));
    }

    private static void CopyInto(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
