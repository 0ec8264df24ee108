using PartialLoading.Core.Csv;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Model;
using PartialLoading.Library;
using PartialLoading.Tests.Cli;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Library;

/// <summary>The bundled library (instances/): every stored result holds up when recomputed from the files alone.</summary>
public class LibraryInstancesTests
{
    private static readonly IReadOnlyList<LibraryResult> Results = LibraryResults.Read(Path.Combine(RepositoryPaths.Instances, LibraryResults.FileName));

    public static IEnumerable<string> InstanceNames() => LibraryRefresh.InstanceFolders(RepositoryPaths.Instances).Select(Path.GetFileName)!;

    public static IEnumerable<string> GeneratedInstanceNames() => InstanceNames().Where(n => File.ReadAllText(Path.Combine(RepositoryPaths.Instance(n), "README.md")).StartsWith("Generated with `plsolve generate", StringComparison.Ordinal));

    [Test]
    public void Results_have_one_row_per_instance_folder()
    {
        Assert.That(Results.Select(r => r.Instance), Is.EquivalentTo(InstanceNames()));
        Assert.That(Results.Count, Is.GreaterThanOrEqualTo(20));
        Assert.That(Results.Max(r => r.Users), Is.EqualTo(10_000));
    }

    [TestCaseSource(nameof(InstanceNames))]
    public void The_stored_best_schedule_is_feasible_and_worth_the_stored_value_which_is_at_most_the_bound(string name)
    {
        Instance instance = InstanceReader.Read(RepositoryPaths.Instance(name));
        LibraryResult row = Results.Single(r => r.Instance == name);
        ScheduleFile best = ScheduleFile.Read(Path.Combine(RepositoryPaths.Instance(name), LibraryResults.BestScheduleFileName), instance);

        ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate(best.Order, best.BandwidthsHz is { } b ? b : null);

        Assert.Multiple(() =>
        {
            Assert.That(evaluation.IsFeasible, Is.True, string.Join("; ", evaluation.Violations));
            Assert.That(ReferenceModel.IsFeasibleSchedule(instance, best.Order, best.BandwidthsHz!.Value), Is.True, "the plain reference model agrees");
            Assert.That(evaluation.Value, Is.EqualTo(row.BestValue).Within(1e-9), "the stored value is the recomputed one");
            Assert.That(row.BestValue, Is.LessThanOrEqualTo(row.BestBound + 1e-9), "no value above its bound");
            Assert.That(row.BestBound, Is.LessThanOrEqualTo(instance.TotalWeight + 1e-9), "no bound above serving everybody");
            Assert.That(row.Status, Is.EqualTo(Math.Abs(row.BestValue - row.BestBound) <= 1e-9 ? LibraryStatus.Optimal : LibraryStatus.Open));
            Assert.That(row.Users, Is.EqualTo(instance.Users.Length));
        });
    }

    [TestCaseSource(nameof(GeneratedInstanceNames))]
    public void A_generated_instance_is_what_the_command_in_its_readme_generates(string name)
    {
        string folder = RepositoryPaths.Instance(name);
        string readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        string[] command = readme.Split('`')[1].Split(' ');
        using var temporary = InstanceFolder.Empty();
        string output = Path.Combine(temporary.Path, name);

        Assert.That(command[..3], Is.EqualTo(new[] { "plsolve", "generate", name }));
        PlsolveRun run = PlsolveRun.Of(["generate", output, .. command[3..]]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        foreach (string file in InstanceWriter.FileNames.Append("README.md"))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(output, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(folder, file))), $"{file} (regenerate the library and refresh it with --reset if the generator changed on purpose)");
        }
    }
}
