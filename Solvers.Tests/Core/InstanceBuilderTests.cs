using PartialLoading.Core.Input;
using PartialLoading.Core.Model;

namespace PartialLoading.Tests.Core;

public class InstanceBuilderTests
{
    [Test]
    public void Builds_an_instance_in_code()
    {
        Instance instance = new InstanceBuilder("code")
            .SetServer(1000, 2e7)
            .AddBlock("alpha", 300).AddBlock("beta", 100)
            .AddModel("A", 0.05, "alpha").AddModel("B", 0.05, "beta", "alpha")
            .AddUser("u1", "B", dataMbit: 1, deadlineSeconds: 1, powerWatts: 0.2, gainDb: -100)
            .Build();

        Assert.That(instance.Name, Is.EqualTo("code"));
        Assert.That(instance.Models[1].Blocks, Is.EqualTo(new[] { 0, 1 }), "block indices are sorted");
    }

    [Test]
    public void Reports_every_problem_in_the_words_of_the_csv_reader()
    {
        var builder = new InstanceBuilder()
            .SetServer(1000, 2e7, initialModel: "Q")
            .AddBlock("alpha", double.NaN)
            .AddModel("A", 0.05, "alpha", "beta")
            .AddUser("u1", "A", dataMbit: 1, deadlineSeconds: -1, powerWatts: 0.2, gainDb: -100)
            .AddUser("u1", "X", dataMbit: 1, deadlineSeconds: 1, powerWatts: 0.2, gainDb: double.PositiveInfinity);

        var error = Assert.Throws<InvalidInputException>(() => builder.Build())!;

        Assert.That(error.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "block 'alpha': column 'size_mb': 'NaN' is not a finite number",
            "model 'A': column 'blocks': unknown block 'beta'",
            "server: column 'initial_model': unknown model 'Q'",
            "user 'u1': column 'deadline_s': must be greater than 0, got '-1'",
            "user 'u1': column 'user_id': duplicate id 'u1'",
            "user 'u1': column 'model_id': unknown model 'X'",
            "user 'u1': column 'gain_db': 'Infinity' is not a finite number",
        }));
    }

    [Test]
    public void A_server_is_required()
    {
        var error = Assert.Throws<InvalidInputException>(() => new InstanceBuilder().AddBlock("a", 1).Build())!;

        Assert.That(error.Problems.Single().ToString(), Is.EqualTo("server: not set (call SetServer once)"));
    }
}
