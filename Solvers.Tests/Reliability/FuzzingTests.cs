using System.Globalization;

namespace PartialLoading.Tests.Reliability;

/// <summary>
/// The fuzzing harness of issue 19, item 4: a bounded share on every run, the rest as a study
/// (<c>PLSOLVE_FUZZ_CASES=3000 dotnet test --filter "FullyQualifiedName~Fuzzing_study"</c>).
/// </summary>
public class FuzzingTests
{
    [Test]
    public void Mutated_library_instances_end_in_exit_0_1_or_2_with_a_message()
    {
        FuzzCounts counts = FuzzCampaign.Run(firstSeed: 0, cases: 60);

        Assert.That(counts.Defects, Is.Empty);
        Assert.That(counts.Cases, Is.EqualTo(60));
    }

    [Test]
    [Explicit("A study of minutes: set PLSOLVE_FUZZ_CASES (default 2000) and PLSOLVE_FUZZ_FIRST_SEED (default 1000).")]
    public void Fuzzing_study()
    {
        int cases = int.Parse(Environment.GetEnvironmentVariable("PLSOLVE_FUZZ_CASES") ?? "2000", CultureInfo.InvariantCulture);
        int first = int.Parse(Environment.GetEnvironmentVariable("PLSOLVE_FUZZ_FIRST_SEED") ?? "1000", CultureInfo.InvariantCulture);

        FuzzCounts counts = FuzzCampaign.Run(first, cases);

        TestContext.Out.WriteLine($"fuzzing: {counts.Cases} cases (seeds {first}–{first + cases - 1}), {counts.Clean} clean, {counts.Defects.Count} defects; exit codes {counts.ExitCodes}");
        foreach (string defect in counts.Defects)
        {
            TestContext.Out.WriteLine(defect);
        }

        Assert.That(counts.Defects, Is.Empty);
    }
}
