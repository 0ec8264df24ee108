using System.Text;
using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Core.Model;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Core;

public class InstanceReaderTests
{
    private static string[] ProblemsOf(InstanceFolder folder)
    {
        var error = Assert.Throws<InvalidInputException>(() => InstanceReader.Read(folder.Path))!;
        return [.. error.Problems.Select(p => p.ToString())];
    }

    [Test]
    public void Reads_the_three_model_example_into_an_int_indexed_instance()
    {
        using var folder = new InstanceFolder();

        Instance instance = InstanceReader.Read(folder.Path);

        Assert.Multiple(() =>
        {
            Assert.That(instance.Blocks.Select(b => b.Id), Is.EqualTo(new[] { "alpha", "beta", "gamma" }));
            Assert.That(instance.Models[1].Blocks, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(instance.Models[1].SizeMb, Is.EqualTo(400));
            Assert.That(instance.Users[0].Model, Is.EqualTo(2));
            Assert.That(instance.Users[0].DataBits, Is.EqualTo(2e6));
            Assert.That(instance.Users[0].Weight, Is.EqualTo(1));
            Assert.That(instance.Server.InitialModel, Is.Null);
            // a = p·g/N0 = 0.2 · 10^(−10) / 10^(−20.4) = 0.2 · 10^10.4 Hz
            Assert.That(instance.Users[0].SnrBandwidthHz, Is.EqualTo(0.2 * Math.Pow(10, 10.4)).Within(1e-6).Percent);
        });
    }

    [Test]
    public void Valid_oddities_are_accepted_bom_crlf_quotes_blank_lines_spaces_column_order()
    {
        using var folder = new InstanceFolder(
            server: "load_rate_mb_per_s,bandwidth_hz,noise_dbm_per_hz,initial_model\r\n\" 1000 \",2e7,-174,\"A\"\r\n",
            blocks: "\r\nblock_id,size_mb\r\n\"alpha, the backbone\",300\r\n\r\nbeta,  100.0 \r\ngamma,5E2\r\n",
            models: "blocks,model_id,inference_s\n\"alpha, the backbone\",A,0.05\n\"alpha, the backbone; beta\",B,.05\ngamma,C,5e-2\n",
            users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db,weight\nu1,C,2,1.2,0.2,-100,\nu2,B,+2,0.8,0.2,-100,2\n",
            encoding: new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Instance instance = InstanceReader.Read(folder.Path);

        Assert.Multiple(() =>
        {
            Assert.That(instance.Blocks[0].Id, Is.EqualTo("alpha, the backbone"));
            Assert.That(instance.Blocks[2].SizeMb, Is.EqualTo(500));
            Assert.That(instance.Models[1].Blocks, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(instance.Models[1].InferenceSeconds, Is.EqualTo(0.05));
            Assert.That(instance.Server.InitialModel, Is.EqualTo(0));
            Assert.That(instance.Users.Select(u => u.Weight), Is.EqualTo(new[] { 1.0, 2.0 }));
        });
    }

    [Test]
    public void A_users_file_with_a_header_and_no_rows_is_an_instance_without_users()
    {
        using var folder = new InstanceFolder(users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\n");

        Assert.That(InstanceReader.Read(folder.Path).Users, Is.Empty);
    }

    [Test]
    public void A_missing_file_is_named()
    {
        using var folder = new InstanceFolder(users: null);

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[] { "users.csv: file not found" }));
    }

    [Test]
    public void An_empty_file_without_a_header_is_bad_input()
    {
        using var folder = new InstanceFolder(users: string.Empty);

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[] { "users.csv: the file is empty (expected a header row), or not a regular file (pipes and devices are not read)" }));
    }

    [Test]
    public void A_missing_column_is_named_at_the_header_line()
    {
        using var folder = new InstanceFolder(users: "user_id,model_id,data_mbit,power_w,gain_db\nu1,C,2,0.2,-100\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[] { "users.csv:1: column 'deadline_s': missing from the header" }));
    }

    [Test]
    public void An_unknown_column_is_an_error_so_typos_are_caught()
    {
        using var folder = new InstanceFolder(blocks: "block_id,size_mb,sise_mb\nalpha,300,1\nbeta,100,1\ngamma,500,1\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[] { "blocks.csv:1: column 'sise_mb': unknown column (expected block_id, size_mb)" }));
    }

    [TestCase("abc", "'abc' is not a number")]
    [TestCase("1,5", "expected 6 fields (one per header column), found 7")]
    [TestCase("nan", "'nan' is not a finite number")]
    [TestCase("NaN", "'NaN' is not a finite number")]
    [TestCase("inf", "'inf' is not a finite number")]
    [TestCase("-Infinity", "'-Infinity' is not a finite number")]
    [TestCase("1e999", "'1e999' is out of the range of a double")]
    [TestCase("0x10", "'0x10' is not a number")]
    [TestCase("", "the cell is empty")]
    [TestCase("0", "must be greater than 0, got '0'")]
    [TestCase("-2.5", "must be greater than 0, got '-2.5'")]
    public void A_bad_deadline_gets_one_line_with_file_line_and_column(string cell, string message)
    {
        string row = cell.Contains(',', StringComparison.Ordinal) ? $"u2,B,2,{cell},0.2,-100" : $"u2,B,2,{cell},0.2,-100";
        using var folder = new InstanceFolder(users: $"user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,C,2,1.2,0.2,-100\n{row}\n");

        string expected = message.StartsWith("expected", StringComparison.Ordinal) ? $"users.csv:3: {message}" : $"users.csv:3: column 'deadline_s': {message}";
        Assert.That(ProblemsOf(folder), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void A_row_with_a_field_too_many_gets_that_line_alone_and_its_id_stays_known()
    {
        // An unquoted thousands separator shifts the later cells: they are not read under the wrong columns, and the
        // model of the shifted row is still known to the users that name it.
        using var folder = new InstanceFolder(
            models: "model_id,inference_s,blocks\nA,0.05,alpha\nB,0.05,alpha;beta,1\nC,0.05,gamma\n",
            users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,B,2,1.2,0.2,-100\nu2,B,1,000,0.8,0.2,-100\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[]
        {
            "models.csv:3: expected 3 fields (one per header column), found 4",
            "users.csv:3: expected 6 fields (one per header column), found 7",
        }));
    }

    [Test]
    public void Control_and_invisible_characters_are_echoed_escaped()
    {
        using var folder = new InstanceFolder(users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,C,2,1.2\u0000,0.2,-100\nu2,C\u001b[2J,2,1.2,0.2,-100\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[]
        {
            "users.csv:2: column 'deadline_s': '1.2\\u0000' is not a number",
            "users.csv:3: column 'model_id': unknown model 'C\\u001B[2J'",
        }));
    }

    [Test]
    public void An_id_with_a_control_character_and_a_block_id_with_the_list_separator_are_refused()
    {
        using var folder = new InstanceFolder(
            blocks: "block_id,size_mb\nalpha,300\nbeta,100\ngamma,500\n\"a;b\",10\n",
            users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\n\"u\n1\",C,2,1.2,0.2,-100\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[]
        {
            "blocks.csv:5: column 'block_id': 'a;b' holds ';', the separator of models.csv's block lists, so no model could name it",
            "users.csv:2: column 'user_id': 'u\\u000A1' holds a control or invisible character, which an id may not",
        }));
    }

    [Test]
    public void Every_problem_of_every_file_is_reported_together_in_file_and_line_order()
    {
        using var folder = new InstanceFolder(
            blocks: "block_id,size_mb\nalpha,300\nalpha,100\ngamma,-5\n",
            models: "model_id,inference_s,blocks\nA,0.05,alpha\nB,-0.1,alpha;beta\nC,0.05,\nD,0.05,alpha;alpha\n",
            users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db,weight\nu1,Z,2,1.2,0.2,-100,1\nu1,A,0,x,0.2,-100,0\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[]
        {
            "blocks.csv:3: column 'block_id': duplicate id 'alpha' (first defined on line 2)",
            "blocks.csv:4: column 'size_mb': must be greater than 0, got '-5'",
            "models.csv:3: column 'inference_s': must be at least 0, got '-0.1'",
            "models.csv:3: column 'blocks': unknown block 'beta'",
            "models.csv:4: column 'blocks': the block list is empty (a model needs at least one block)",
            "models.csv:5: column 'blocks': block 'alpha' is listed twice",
            "users.csv:2: column 'model_id': unknown model 'Z'",
            "users.csv:3: column 'deadline_s': 'x' is not a number",
            "users.csv:3: column 'user_id': duplicate id 'u1' (first defined on line 2)",
            "users.csv:3: column 'data_mbit': must be greater than 0, got '0'",
            "users.csv:3: column 'weight': must be greater than 0, got '0'",
        }));
    }

    [Test]
    public void Unknown_initial_model_and_an_empty_id_inside_a_block_list_are_named()
    {
        using var folder = new InstanceFolder(
            server: "load_rate_mb_per_s,bandwidth_hz,noise_dbm_per_hz,initial_model\n1000,0,-174,Q\n",
            models: "model_id,inference_s,blocks\nA,0.05,alpha\nB,0.05,alpha;;beta\nC,0.05,gamma\n",
            users: "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,C,2,1.2,0.2,-100\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[]
        {
            "server.csv:2: column 'bandwidth_hz': must be greater than 0, got '0'",
            "server.csv:2: column 'initial_model': unknown model 'Q'",
            "models.csv:3: column 'blocks': empty block id in the list 'alpha;;beta'",
        }));
    }

    [Test]
    public void A_server_file_needs_exactly_one_row()
    {
        using var folder = new InstanceFolder(server: "load_rate_mb_per_s,bandwidth_hz,noise_dbm_per_hz,initial_model\n1000,2e7,-174,\n500,2e7,-174,\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[] { "server.csv: expected exactly one data row, found 2" }));
    }

    [Test]
    public void A_users_row_referring_to_a_model_with_a_bad_row_is_not_reported_twice()
    {
        using var folder = new InstanceFolder(models: "model_id,inference_s,blocks\nA,0.05,alpha\nB,zero,alpha;beta\nC,0.05,gamma\n");

        Assert.That(ProblemsOf(folder), Is.EqualTo(new[] { "models.csv:3: column 'inference_s': 'zero' is not a number" }));
    }

    [Test]
    public void Malformed_quoting_is_reported_at_its_line()
    {
        using var folder = new InstanceFolder(blocks: "block_id,size_mb\nalpha,300\n\"beta\"x,100\ngamma,500\n");

        Assert.That(ProblemsOf(folder), Does.Contain("blocks.csv:3: malformed quoting (text after a closing quote)"));
    }

    [Test]
    public void A_missing_folder_is_bad_input()
    {
        var error = Assert.Throws<InvalidInputException>(() => InstanceReader.Read("/nonexistent/plsolve-instance"))!;

        Assert.That(error.Problems.Single().ToString(), Is.EqualTo("/nonexistent/plsolve-instance: instance folder not found"));
    }

    [Test]
    public void Every_bundled_instance_reads()
    {
        foreach (string directory in Directory.GetDirectories(RepositoryPaths.Instances).Where(d => File.Exists(Path.Combine(d, "users.csv"))))
        {
            Assert.That(() => InstanceReader.Read(directory), Throws.Nothing, directory);
        }
    }
}
