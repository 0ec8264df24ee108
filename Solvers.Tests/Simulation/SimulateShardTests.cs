using PartialLoading.Tests.Cli;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Simulation;

public class SimulateShardTests
{
    private static readonly string[] Sweep =
        ["simulate", "--scenario", "synthetic-bottom", "--rate", "6", "--horizon", "6", "--frame", "0.5", "--policies", "greedy,edd,full-loading,local", "--iterations", "10", "--quiet"];

    private static string[] Shards(InstanceFolder folder)
    {
        string[] parts = [folder.File("part-1"), folder.File("part-2")];
        for (int i = 0; i < parts.Length; i++)
        {
            PlsolveRun shard = PlsolveRun.Of([.. Sweep, "--shard", $"{i + 1}/2", "--out", parts[i]]);
            Assert.That(shard.ExitCode, Is.Zero, shard.Error);
        }

        return parts;
    }

    private static string ReplaceField(string line, int index, string value)
    {
        string[] cells = line.Split(',');
        cells[index] = value;
        return string.Join(',', cells);
    }

    [Test]
    public void Merged_shards_give_the_requests_csv_of_one_unsharded_run_byte_for_byte()
    {
        using InstanceFolder folder = InstanceFolder.Empty();
        string whole = folder.File("whole");
        string[] parts = [folder.File("part-1"), folder.File("part-2"), folder.File("part-3")];
        string merged = folder.File("merged");

        Assert.That(PlsolveRun.Of([.. Sweep, "--out", whole]).ExitCode, Is.Zero);
        for (int i = 0; i < parts.Length; i++)
        {
            PlsolveRun shard = PlsolveRun.Of([.. Sweep, "--shard", $"{i + 1}/3", "--out", parts[i]]);
            Assert.That(shard.ExitCode, Is.Zero, shard.Error);
        }

        PlsolveRun merge = PlsolveRun.Of("simulate", "merge", parts[2], parts[0], parts[1], "--out", merged);

        Assert.That(merge.ExitCode, Is.Zero, merge.Error);
        Assert.That(File.ReadAllBytes(Path.Combine(merged, "requests.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, "requests.csv"))));
        Assert.That(File.ReadAllLines(Path.Combine(merged, "frames.csv")).Select(l => l.Split(',')[0]).Distinct(), Is.EqualTo(new[] { "policy", "greedy", "edd", "full-loading", "local" }));
    }

    [Test]
    public void A_missing_shard_and_a_shard_given_twice_are_refused_one_line_each()
    {
        using InstanceFolder folder = InstanceFolder.Empty();
        string first = folder.File("part-1");
        Assert.That(PlsolveRun.Of([.. Sweep, "--shard", "1/3", "--out", first]).ExitCode, Is.Zero);

        PlsolveRun merge = PlsolveRun.Of("simulate", "merge", first, first, "--out", folder.File("merged"));

        Assert.That(merge.ExitCode, Is.EqualTo(2));
        Assert.That(merge.ErrorLines, Is.EqualTo(new[]
        {
            $"plsolve: simulate merge: shard 1/3 is given twice: {first}, {first}",
            "plsolve: simulate merge: shard 2/3 is missing",
            "plsolve: simulate merge: shard 3/3 is missing",
        }));
        Assert.That(Directory.Exists(folder.File("merged")), Is.False, "nothing is written when the shards do not fit");
    }

    [Test]
    public void Shards_of_different_sweeps_are_refused()
    {
        using InstanceFolder folder = InstanceFolder.Empty();
        Assert.That(PlsolveRun.Of([.. Sweep, "--shard", "1/2", "--out", folder.File("a")]).ExitCode, Is.Zero);
        Assert.That(PlsolveRun.Of([.. Sweep, "--seed", "5", "--shard", "2/2", "--out", folder.File("b")]).ExitCode, Is.Zero);

        PlsolveRun merge = PlsolveRun.Of("simulate", "merge", folder.File("a"), folder.File("b"), "--out", folder.File("merged"));

        Assert.That(merge.ExitCode, Is.EqualTo(2));
        Assert.That(merge.Error, Does.Contain("not the same sweep"));
    }

    [Test]
    public void A_malformed_row_in_a_shard_is_reported_at_its_line_and_nothing_is_merged()
    {
        using InstanceFolder folder = InstanceFolder.Empty();
        string[] parts = Shards(folder);
        string frames = Path.Combine(parts[0], "frames.csv");
        string requests = Path.Combine(parts[0], "requests.csv");
        string[] frameLines = File.ReadAllLines(frames);
        frameLines[1] = ReplaceField(frameLines[1], 1, "abc");
        frameLines[2] += ",0";
        File.WriteAllLines(frames, frameLines);
        string[] requestLines = File.ReadAllLines(requests);
        int served = Array.FindIndex(requestLines, l => l.Split(',')[5] == "served");
        requestLines[served] = ReplaceField(requestLines[served], 5, "pending");
        requestLines[served + 1] = ReplaceField(requestLines[served + 1], 5, "lost");
        File.WriteAllLines(requests, requestLines);

        PlsolveRun merge = PlsolveRun.Of("simulate", "merge", parts[0], parts[1], "--out", folder.File("merged"));

        Assert.That(merge.ExitCode, Is.EqualTo(2), merge.Error);
        Assert.That(merge.ErrorLines, Is.EqualTo(new[]
        {
            $"{frames}:2: column 'epoch': 'abc' is not a number",
            $"{frames}:3: expected 12 fields (one per header column), found 13",
            $"{requests}:{served + 1}: column 'fate': 'pending' does not fit the row: a pending request has no epoch, completion_s or response_s",
            $"{requests}:{served + 2}: column 'fate': 'lost' is not a fate (served, missed, pending)",
        }));
        Assert.That(Directory.Exists(folder.File("merged")), Is.False, "nothing is written");
    }

    [Test]
    public void A_fate_edited_to_agree_with_its_row_is_caught_by_the_shards_summary()
    {
        using InstanceFolder folder = InstanceFolder.Empty();
        string[] parts = Shards(folder);
        string requests = Path.Combine(parts[0], "requests.csv");
        string[] lines = File.ReadAllLines(requests);
        int served = Array.FindIndex(lines, l => l.StartsWith("greedy,", StringComparison.Ordinal) && l.Split(',')[5] == "served");
        string[] cells = lines[served].Split(',');
        lines[served] = string.Join(',', cells[..5].Append("missed").Append(cells[6]).Append(string.Empty).Append(string.Empty));
        File.WriteAllLines(requests, lines);

        PlsolveRun merge = PlsolveRun.Of("simulate", "merge", parts[0], parts[1], "--out", folder.File("merged"));

        Assert.That(merge.ExitCode, Is.EqualTo(2), merge.Error);
        Assert.That(merge.ErrorLines, Has.Length.EqualTo(1), merge.Error);
        Assert.That(merge.Error, Does.StartWith($"plsolve: simulate merge: {Path.Combine(parts[0], "summary.json")}: policy 'greedy' has ").And.Contain(", but its requests.csv has "));
        Assert.That(Directory.Exists(folder.File("merged")), Is.False, "nothing is written");
    }

    [Test]
    public void A_shard_without_an_output_folder_is_a_usage_error()
    {
        PlsolveRun run = PlsolveRun.Of([.. Sweep, "--shard", "1/2"]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "plsolve: --shard needs --out (the folder 'plsolve simulate merge' reads)" }));
    }
}
