using PartialLoading.Core;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Evaluation;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Core.Planning;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

public class ScheduleFileTests
{
    private static Instance ThreeModels() => InstanceReader.Read(RepositoryPaths.Instance("three-models"));

    [Test]
    public void A_written_schedule_reads_back_bit_for_bit()
    {
        Instance instance = ThreeModels();
        Schedule schedule = OrderPlanner.Plan(instance, [2, 1, 0]).ToSchedule();
        ScheduleEvaluation evaluation = new ScheduleEvaluator(instance).Evaluate(schedule);
        using var folder = new InstanceFolder();

        ScheduleFile.Write(folder.File("schedule.csv"), instance, evaluation);
        ScheduleFile read = ScheduleFile.Read(folder.File("schedule.csv"), instance);

        Assert.That(read.Order, Is.EqualTo(schedule.Order));
        Assert.That(read.BandwidthsHz, Is.EqualTo(schedule.BandwidthsHz));
        Assert.That(File.ReadAllLines(folder.File("schedule.csv"))[0], Is.EqualTo(string.Join(',', ScheduleFile.Columns)));
        Assert.That(Directory.GetFiles(folder.Path, "*.tmp"), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public void Rows_are_taken_in_position_order_and_bandwidth_may_be_absent()
    {
        Instance instance = ThreeModels();
        using var folder = new InstanceFolder();
        folder.Write("s.csv", "user_id,position\nu2,2\nu3,1\n");

        ScheduleFile read = ScheduleFile.Read(folder.File("s.csv"), instance);

        Assert.That(read.Order, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(read.BandwidthsHz, Is.Null);
    }

    [TestCase("position,user_id,bandwidth_hz\n1,u9,1e6\n", "s.csv:2: column 'user_id': unknown user 'u9'")]
    [TestCase("position,user_id,bandwidth_hz\n1,u1,\n", "s.csv:2: column 'bandwidth_hz': the cell is empty")]
    [TestCase("position,user_id,bandwidth_hz\n1,u1,fast\n", "s.csv:2: column 'bandwidth_hz': 'fast' is not a number")]
    [TestCase("position,user_id,bandwidth_hz\n1,u1,-5\n", "s.csv:2: column 'bandwidth_hz': must be at least 0, got '-5'")]
    [TestCase("position,user_id\n1,u1\n3,u2\n", "s.csv: column 'position': positions must run 1, 2, … without gaps: 2 is missing")]
    [TestCase("position,user_id\n1,u1\n1,u2\n", "s.csv:3: column 'position': position 1 appears twice (first on line 2)")]
    [TestCase("position,user_id\nfirst,u1\n", "s.csv:2: column 'position': 'first' is not a position (a whole number from 1)")]
    [TestCase("position,user,bandwidth_hz\n1,u1,1\n", "s.csv:1: column 'user': unknown column (expected position, user_id, model_id, bandwidth_hz, load_start_s, load_s, upload_end_s, inference_start_s, end_s, deadline_s)")]
    public void Malformed_schedules_are_bad_input_with_one_line_each(string text, string expected)
    {
        using var folder = new InstanceFolder();
        folder.Write("s.csv", text);

        var error = Assert.Throws<InvalidInputException>(() => ScheduleFile.Read(folder.File("s.csv"), ThreeModels()))!;

        Assert.That(error.Problems.Select(p => p.ToString()), Does.Contain(expected));
    }

    [Test]
    public void A_user_listed_twice_is_read_as_written_so_the_evaluator_can_name_it()
    {
        using var folder = new InstanceFolder();
        folder.Write("s.csv", "position,user_id\n1,u1\n2,u1\n");

        ScheduleFile read = ScheduleFile.Read(folder.File("s.csv"), ThreeModels());

        Assert.That(read.Order, Is.EqualTo(new[] { 0, 0 }));
    }
}
