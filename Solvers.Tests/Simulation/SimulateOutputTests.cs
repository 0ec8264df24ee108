using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Simulation;

/// <summary>
/// <c>simulate --out</c> and <c>--keep-frames</c> on a disk that fills up: the output set is all old or all new, each
/// kept epoch folder is whole or absent, the result is still printed, one line says what was not saved, exit 2.
/// </summary>
/// <remarks>
/// The disk is a 64 KiB tmpfs in a private mount namespace (<c>unshare -rm</c>) filled up to its last page, so that
/// the first file of a set fits and the next does not: the case that left a partial or mixed set before.
/// </remarks>
[NonParallelizable]
public class SimulateOutputTests
{
    /// <summary>200 requests for model A, one every 10 ms: a requests.csv of two pages, a frames.csv of one.</summary>
    private static InstanceFolder Arrivals()
    {
        var folder = new InstanceFolder(users: null);
        folder.Write("arrivals.csv", "arrival_s,user_id,model_id,data_mbit,deadline_s,power_w,gain_db\n"
            + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i / 100.0:0.00},r{i},A,2,0.6,0.2,-100\n")));
        return folder;
    }

    [Test]
    public void A_fresh_out_on_a_full_disk_is_left_without_a_partial_set()
    {
        using InstanceFolder arrivals = Arrivals();

        (int code, string stdout, string stderr) = OnFullDisk(string.Empty, "simulate", arrivals.Path, "--quiet", "--out", "$D/out");

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stdout, Does.Contain("greedy").And.Not.Contain("written "), "the result is printed, not claimed written");
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("/out: cannot be written (No space left on device").And.Contain("the result above is not saved"));
        Assert.That(Line(stdout, "LEFT:"), Is.EqualTo("LEFT:./out"), "an empty folder, no frames.csv without its requests.csv and summary.json");
    }

    [Test]
    public void An_out_overwritten_on_a_full_disk_keeps_the_whole_old_set()
    {
        using InstanceFolder arrivals = Arrivals();

        (int code, string stdout, string stderr) = OnFullDisk(
            $"$P simulate '{arrivals.Path}' --horizon 0.2 --quiet --out \"$D/out\" > /dev/null || exit 98; echo \"BEFORE:$(cat \"$D\"/out/* | md5sum)\"",
            "simulate", arrivals.Path, "--quiet", "--out", "$D/out");

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("cannot be written (No space left on device"));
        Assert.That(Line(stdout, "LEFT:"), Is.EqualTo("LEFT:./out ./out/frames.csv ./out/requests.csv ./out/summary.json"));
        Assert.That(Line(stdout, "AFTER:")["AFTER:".Length..], Is.EqualTo(Line(stdout, "BEFORE:")["BEFORE:".Length..]), "the old frames.csv, requests.csv and summary.json, byte for byte");
    }

    [Test]
    public void A_kept_frame_on_a_full_disk_is_not_left_half_written()
    {
        using InstanceFolder arrivals = Arrivals();

        (int code, string stdout, string stderr) = OnFullDisk(string.Empty, "simulate", arrivals.Path, "--quiet", "--keep-frames", "$D/keep");

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stdout, Does.Contain("greedy"), "the simulation ran to the end");
        Assert.That(stderr, Does.Match(@"^plsolve: [^\n]*/keep/greedy/epoch-000000: cannot be written \(No space left on device[^\n]*\); this and later frames are not kept\n$"), "one line");
        Assert.That(Line(stdout, "LEFT:"), Is.EqualTo("LEFT:./keep ./keep/greedy"), "no epoch folder with the instance but not its schedule");
    }

    private static string Line(string stdout, string prefix)
        => stdout.Split('\n').SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? $"{prefix}(none)";

    /// <summary>
    /// Runs <c>plsolve</c> with <paramref name="args"/> (<c>$D</c> stands for the disk) after <paramref name="before"/>
    /// and after filling the disk up to one free page; stdout then ends with <c>AFTER:</c> (the md5 of <c>$D/out/*</c>)
    /// and <c>LEFT:</c> (what is on the disk besides the filler). Ignored where namespaces or mounts are not allowed.
    /// </summary>
    private static (int Code, string Stdout, string Stderr) OnFullDisk(string before, params string[] args)
    {
        string script = $"mount -t tmpfs -o size=64k tmpfs \"$D\" || exit 99; {(before.Length == 0 ? ":" : before)}; "
            + "avail=$(df -B1 --output=avail \"$D\" | tail -1); head -c $((avail - 4096)) /dev/zero > \"$D/fill\"; "
            + $"$P {string.Join(' ', args.Select(a => a.StartsWith("$D", StringComparison.Ordinal) ? $"\"{a}\"" : $"'{a}'"))}; code=$?; "
            + "echo \"AFTER:$(cat \"$D\"/out/* 2>/dev/null | md5sum)\"; "
            + "printf 'LEFT:%s\\n' \"$(cd \"$D\" && find . -mindepth 1 ! -name fill | sort | tr '\\n' ' ' | sed 's/ $//')\"; exit $code";
        (int code, string stdout, string stderr) = PrivateMount.Run(script);
        Assert.That(code, Is.Not.EqualTo(98), $"the first run failed: {stderr}");
        return (code, stdout, stderr);
    }
}
