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

    [Test]
    public void Plot_ending_in_svg_writes_one_svg_document()
    {
        using var folder = InstanceFolder.Empty();
        string svg = Path.Combine(folder.Path, "schedule.svg");

        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance("three-models"), "--solver", "edd", "--plot", svg);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        System.Xml.Linq.XElement root = System.Xml.Linq.XElement.Load(svg);
        Assert.That(root.Name.LocalName, Is.EqualTo("svg"));
        Assert.That(run.Out, Does.Not.Contain("Unsupported"), "nothing of Skia's SVG canvas reaches stdout");
    }

    [Test]
    public void Max_rows_limits_the_rows_drawn_and_the_title_says_so()
    {
        using var folder = InstanceFolder.Empty();
        string svg = Path.Combine(folder.Path, "schedule.svg");

        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance("synthetic-general-100"), "--solver", "greedy", "--plot", svg, "--max-rows", "5");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(File.ReadAllText(svg), Does.Contain("(first 5 of"));
    }

    [TestCase("-1")]
    public void Negative_max_rows_is_a_usage_error(string rows)
    {
        PlsolveRun run = PlsolveRun.Of("solve", RepositoryPaths.Instance("three-models"), "--max-rows", rows);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.Error, Does.Contain("--max-rows must be at least 0"));
    }
}
