using PartialLoading.Core.Csv;
using PartialLoading.Core.Input;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Library;

/// <summary>
/// A results.csv row is input: one that contradicts itself (a bound below the value it bounds, a negative bound) is
/// refused where it is read, rather than blamed later on the solver that its bound_by column names.
/// </summary>
public class LibraryResultsTests
{
    private const string Header = "instance,users,best_value,best_bound,status,solver,time_s,bound_by\n";

    [Test]
    public void A_row_whose_bound_is_below_its_value_or_negative_is_refused_with_its_line_and_column()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("results.csv", Header + "a,5,3,4,open,greedy,0.1,time-knapsack\nb,20,10,5,open,greedy,0.1,bandwidth-knapsack\nc,20,0,-5,open,greedy,0.1,x\nd,-2,-1,1,open,greedy,-3,x\n");

        var error = Assert.Throws<InvalidInputException>(() => LibraryResults.Read(folder.File("results.csv")))!;

        Assert.That(error.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "results.csv:3: column 'best_bound': '5' is below best_value '10' (a proved bound is at least every verified value)",
            "results.csv:4: column 'best_bound': '-5' is negative (no schedule is worth less than 0)",
            "results.csv:5: column 'users': '-2' is not a whole number of users (0 or more)",
            "results.csv:5: column 'best_value': '-1' is negative (a value is a sum of positive weights)",
            "results.csv:5: column 'time_s': '-3' is negative",
        }));
    }

    [Test]
    public void A_bound_equal_to_the_value_is_read()
    {
        using var folder = InstanceFolder.Empty();
        folder.Write("results.csv", Header + "a,5,3,3,optimal,greedy,0.1,time-knapsack\nb,0,0,0,optimal,none,0,total-weight\n");

        Assert.That(LibraryResults.Read(folder.File("results.csv")).Select(r => (r.Instance, r.BestBound)), Is.EqualTo(new[] { ("a", 3.0), ("b", 0.0) }));
    }
}
