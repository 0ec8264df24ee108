using System.Text.Json;
using PartialLoading.Tests.Cli;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Simulation;

public class SimulateCommandTests
{
    private const string Header = "arrival_s,user_id,model_id,data_mbit,deadline_s,power_w,gain_db\n";

    private static InstanceFolder Arrivals(string rows)
    {
        var folder = new InstanceFolder(users: null);
        folder.Write("arrivals.csv", Header + rows);
        return folder;
    }

    [Test]
    public void An_arrivals_folder_is_simulated_and_every_kept_frame_passes_plsolve_verify()
    {
        using InstanceFolder folder = Arrivals("0,r1,A,2,0.6,0.2,-100\n0.5,r2,B,2,0.8,0.2,-100\n1.9,r4,B,2,0.2,0.2,-100\n2.4,r6,A,2,1,0.2,-100\n");
        using InstanceFolder output = InstanceFolder.Empty();
        string kept = Path.Combine(output.Path, "frames");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path, "--policies", "greedy,full-loading", "--out", output.Path, "--keep-frames", kept, "--plot", output.File("sim.png"), "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.Contain("greedy").And.Contain("full-loading"));
        string[] requests = File.ReadAllLines(output.File("requests.csv"));
        Assert.That(requests[0], Is.EqualTo("policy,request_id,model_id,arrival_s,deadline_s,fate,epoch,completion_s,response_s"));
        Assert.That(requests, Has.Length.EqualTo(1 + (2 * 4)));
        Assert.That(File.ReadAllLines(output.File("frames.csv"))[0], Does.StartWith("policy,epoch,time_s,pending,served,missed,carried,loading_s"));
        JsonElement greedy = JsonDocument.Parse(File.ReadAllText(output.File("summary.json"))).RootElement.GetProperty("policies")[0];
        Assert.That(greedy.GetProperty("arrivals").GetInt32(), Is.EqualTo(4));
        Assert.That(greedy.GetProperty("served").GetInt32() + greedy.GetProperty("missed").GetInt32() + greedy.GetProperty("pending").GetInt32(), Is.EqualTo(4));
        Assert.That(new FileInfo(output.File("sim.png")).Length, Is.GreaterThan(10_000));

        string[] frameFolders = Directory.GetDirectories(Path.Combine(kept, "greedy"));
        Assert.That(frameFolders, Is.Not.Empty);
        foreach (string frame in frameFolders)
        {
            PlsolveRun verify = PlsolveRun.Of("verify", frame, Path.Combine(frame, "schedule.csv"));
            Assert.That(verify.ExitCode, Is.EqualTo(0), $"{frame}: {verify.Out}{verify.Error}");
        }
    }

    [Test]
    public void An_unknown_model_a_negative_time_and_an_unsorted_row_are_each_reported_with_their_line()
    {
        using InstanceFolder folder = Arrivals("0.5,r1,A,2,0.6,0.2,-100\n-1,r2,B,2,0.8,0.2,-100\n0.2,r3,B,2,0.8,0.2,-100\n0.9,r4,Z,2,0.8,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "arrivals.csv:3: column 'arrival_s': must be at least 0, got '-1'",
            "arrivals.csv:4: column 'arrival_s': '0.2' is earlier than the arrival on line 2 (0.5 s): rows must be sorted by arrival time",
            "arrivals.csv:5: column 'model_id': unknown model 'Z'",
        }));
    }

    [Test]
    public void A_bad_cell_in_arrivals_is_reported_like_in_users_csv()
    {
        using InstanceFolder folder = Arrivals("0,r1,A,2,abc,0.2,-100\nsoon,r2,A,2,1,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "arrivals.csv:2: column 'deadline_s': 'abc' is not a number",
            "arrivals.csv:3: column 'arrival_s': 'soon' is not a number",
        }));
    }

    [Test]
    public void A_missing_arrivals_file_is_bad_input()
    {
        using var folder = new InstanceFolder(users: null);

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "arrivals.csv: file not found" }));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("abc")]
    public void A_frame_that_is_not_a_positive_number_is_refused_in_one_line(string frame)
    {
        PlsolveRun run = PlsolveRun.Of("simulate", "--scenario", "resnet50-finetune", "--rate", "5", "--horizon", "2", "--frame", frame);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"plsolve: --frame must be a positive number, got '{frame}'" }));
    }

    [TestCase("--horizon", "1e9", "a horizon of 1e+09 s (--horizon) in frames of 1 s takes up to 1e+09 decision epochs")]
    [TestCase("--horizon", "1e300", "a horizon of 1e+300 s (--horizon) in frames of 1 s takes up to 1e+300 decision epochs")]
    [TestCase("--frame", "1e-9", "a horizon of 2.6 s (the last deadline in arrivals.csv) in frames of 1e-09 s takes up to 2.6e+09 decision epochs")]
    public void A_run_of_more_than_a_million_epochs_is_refused_at_once_in_one_line(string option, string value, string numbers)
    {
        using InstanceFolder folder = Arrivals("0,r1,A,2,0.6,0.2,-100\n2.4,r6,A,2,0.2,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path, option, value, "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"plsolve: {numbers}, more than the 1,000,000 a run may take: give a shorter --horizon or a longer --frame" }));
        Assert.That(run.Out, Is.Empty, "refused before the first epoch");
    }

    [Test]
    public void A_latency_budget_of_1e9_s_makes_a_default_horizon_that_is_refused_rather_than_run()
    {
        using InstanceFolder folder = Arrivals("0,r1,A,2,0.6,0.2,-100\n0.5,r2,B,2,1e9,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path, "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            "plsolve: a horizon of 1e+09 s (the last deadline in arrivals.csv) in frames of 1 s takes up to 1e+09 decision epochs, more than the 1,000,000 a run may take: give a shorter --horizon or a longer --frame",
        }));
    }

    [Test]
    public void A_scenario_over_a_horizon_of_a_billion_frames_is_refused_before_drawing_arrivals()
    {
        PlsolveRun run = PlsolveRun.Of("simulate", "--scenario", "resnet50-finetune", "--rate", "0.04", "--horizon", "1e9", "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.Error, Does.StartWith("plsolve: a horizon of 1e+09 s (--horizon) in frames of 1 s takes up to 1e+09 decision epochs"));
    }

    [TestCase("1e16")]
    [TestCase("1e10")]
    public void An_arrival_time_beyond_1e9_s_is_bad_input_with_its_line_not_an_internal_error(string time)
    {
        using InstanceFolder folder = Arrivals($"0,r1,A,2,0.6,0.2,-100\n{time},r2,B,2,1,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path, "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"arrivals.csv:3: column 'arrival_s': '{time}' is outside the range [0, 1e+09] s in which arrivals are simulated (docs/model.md §11)" }));
    }

    [Test]
    public void A_budget_lost_to_the_rounding_of_a_late_arrival_is_a_missed_request_not_an_internal_error()
    {
        // 1e9 + 1e-9 is 1e9 in double precision: the absolute deadline equals the arrival (the default horizon was then
        // "not after the last arrival", an ArgumentException and exit 3).
        using InstanceFolder folder = Arrivals("0,r1,A,2,0.6,0.2,-100\n1e9,r2,A,2,1e-9,0.2,-100\n");
        using InstanceFolder output = InstanceFolder.Empty();

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path, "--frame", "1e4", "--out", output.Path, "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(File.ReadAllLines(output.File("requests.csv"))[2], Does.StartWith("greedy,r2,A,1000000000,1000000000,missed,"));
    }

    [Test]
    public void An_empty_out_is_a_usage_error_like_in_solve()
    {
        using InstanceFolder folder = Arrivals("0,r1,A,2,0.6,0.2,-100\n");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path, "--out", "", "--quiet");
        PlsolveRun merge = PlsolveRun.Of("simulate", "merge", folder.Path, folder.Path, "--out", "");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "plsolve: --out needs a path, got an empty one (see 'plsolve --help')" }));
        Assert.That(merge.ExitCode, Is.EqualTo(2), merge.Error);
        Assert.That(merge.ErrorLines, Is.EqualTo(new[] { "plsolve: --out needs a path, got an empty one (see 'plsolve --help')" }));
    }

    [Test]
    public void A_plot_that_is_neither_svg_nor_png_is_a_usage_error_like_in_solve()
    {
        using InstanceFolder folder = Arrivals("0,r1,A,2,0.6,0.2,-100\n");
        string plot = folder.File("x.txt");

        PlsolveRun run = PlsolveRun.Of("simulate", folder.Path, "--plot", plot, "--quiet");
        PlsolveRun help = PlsolveRun.Of("simulate", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { $"plsolve: --plot writes an SVG or PNG image: the file name must end in .svg or .png, got '{plot}' (see 'plsolve --help')" }));
        Assert.That(File.Exists(plot), Is.False);
        Assert.That(help.Out, Does.Contain("Figure, .svg or .png").And.Not.Contain("else PNG"));
        Assert.That(help.Out, Does.Contain($"at most {PartialLoading.Simulation.Simulator.MaxEpochs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} epochs"));
    }

    [Test]
    public void Neither_a_folder_nor_a_scenario_is_a_usage_error()
    {
        PlsolveRun run = PlsolveRun.Of("simulate");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines, Is.EqualTo(new[] { "plsolve: give an arrivals folder DIR, or --scenario NAME --rate R --horizon S" }));
    }

    [Test]
    public void An_unknown_policy_is_refused_with_the_known_ones()
    {
        PlsolveRun run = PlsolveRun.Of("simulate", "--scenario", "resnet50-finetune", "--rate", "5", "--horizon", "2", "--policies", "greedy,fastest");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith("plsolve: unknown policy 'fastest' (known: local, lns, greedy"));
    }

    [Test]
    public void A_policy_that_refuses_a_frame_names_the_epoch()
    {
        PlsolveRun run = PlsolveRun.Of("simulate", "--scenario", "synthetic-general", "--rate", "20", "--horizon", "2", "--policy", "dp", "--quiet");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith("policy 'dp' at epoch "));
    }
}
