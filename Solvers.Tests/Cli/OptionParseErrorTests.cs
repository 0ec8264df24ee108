using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

/// <summary>
/// A bad number on the command line reads like every other usage error, naming the option and never a .NET type
/// (<c>System.Nullable`1[System.Int32]</c>); bad paths say what is wrong with them.
/// </summary>
public class OptionParseErrorTests
{
    private static readonly string ThreeModels = RepositoryPaths.Instance("three-models");

    [TestCase("--iterations", "abc", "is not a whole number")]
    [TestCase("--seed", "1.5", "is not a whole number")]
    [TestCase("--memory-limit", "x", "is not a whole number")]
    [TestCase("--max-rows", "99999999999", "is too large for a whole number (at most 2147483647)")]
    public void Solve_options(string option, string value, string message)
        => AssertOneLine(["solve", ThreeModels, option, value], $"plsolve: {option}: '{value}' {message} (see 'plsolve --help')");

    [TestCase("--users", "abc", "is not a whole number")]
    [TestCase("--models", "", "is not a whole number")]
    [TestCase("--load-factor", "inf", "is not a finite number")]
    [TestCase("--zipf", "nan", "is not a finite number")]
    [TestCase("--sharing-ratio", "half", "is not a number")]
    public void Generate_options(string option, string value, string message)
    {
        using var folder = InstanceFolder.Empty();
        string[] args = option == "--users" ? ["generate", folder.File("x"), "--scenario", "synthetic-general", option, value] : ["generate", folder.File("x"), "--scenario", "synthetic-general", "--users", "5", option, value];
        AssertOneLine(args, $"plsolve: {option}: '{value}' {message} (see 'plsolve --help')");
        Assert.That(Directory.Exists(folder.File("x")), Is.False);
    }

    [Test]
    public void Compare_iterations() => AssertOneLine(["compare", ThreeModels, "--solvers", "local", "--iterations", "abc"], "plsolve: --iterations: 'abc' is not a whole number (see 'plsolve --help')");

    [Test]
    public void Simulate_seed() => AssertOneLine(["simulate", ThreeModels, "--seed", "abc"], "plsolve: --seed: 'abc' is not a whole number (see 'plsolve --help')");

    [TestCase("compare")]
    [TestCase("score")]
    public void An_empty_folder_argument_is_a_usage_error(string command)
        => AssertOneLine(command == "compare" ? ["compare", "", "--solvers", "greedy"] : ["score", "", "--schedules", "."], "plsolve: DIR needs a path, got an empty one (see 'plsolve --help')");

    [Test]
    public void A_file_given_for_an_instance_folder_is_said_to_be_a_file()
    {
        string users = Path.Combine(ThreeModels, "users.csv");
        AssertOneLine(["info", users], $"{users}: is a file, not an instance folder (give the folder that holds server.csv, blocks.csv, models.csv and users.csv)");
        AssertOneLine(["compare", users, "--solvers", "greedy"], $"plsolve: {users}: is a file, not a folder (give the instance folder that holds it)");
    }

    [Test]
    public void Defaults_still_apply_when_the_option_is_absent()
    {
        using var folder = InstanceFolder.Empty();
        PlsolveRun run = PlsolveRun.Of("generate", folder.File("x"), "--scenario", "synthetic-general", "--users", "5");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(File.ReadAllText(folder.File("x/README.md")), Does.Contain("--seed 1`"));
    }

    private static void AssertOneLine(string[] args, string expected)
    {
        PlsolveRun run = PlsolveRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { expected }));
        Assert.That(run.Error, Does.Not.Contain("System."));
    }
}
