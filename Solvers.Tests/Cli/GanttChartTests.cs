using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

public class GanttChartTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [TestCase("three-models", "edd")]
    [TestCase("synthetic-general-100", "greedy")]
    public void Plot_writes_a_png_whole_and_says_where(string instance, string solver)
    {
        using var folder = InstanceFolder.Empty();
        string png = Path.Combine(folder.Path, "charts", "schedule.png");

        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance(instance), "--solver", solver, "--plot", png);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.That(bytes, Has.Length.GreaterThan(1000));
        Assert.That(bytes.Take(PngSignature.Length), Is.EqualTo(PngSignature));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(png)!), Is.EqualTo(new[] { png }), "no temporary file is left behind");
        Assert.That(run.Out, Does.Contain($"plot       {png}"));
    }

    [Test]
    public void Plot_with_json_keeps_stdout_the_summary_alone()
    {
        using var folder = InstanceFolder.Empty();
        string png = Path.Combine(folder.Path, "schedule.png");

        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance("three-models"), "--solver", "edd", "--plot", png, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(File.Exists(png), Is.True);
        Assert.That(() => System.Text.Json.JsonDocument.Parse(run.Out), Throws.Nothing);
    }
}
