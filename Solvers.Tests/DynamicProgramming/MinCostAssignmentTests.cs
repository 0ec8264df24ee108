using PartialLoading.DynamicProgramming;

namespace PartialLoading.Tests.DynamicProgramming;

public class MinCostAssignmentTests
{
    [Test]
    public void Finds_the_least_total_cost_of_every_injective_assignment()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int rows = random.Next(1, 5);
            int columns = rows + random.Next(0, 3);
            double[] cost = [.. Enumerable.Range(0, rows * columns).Select(_ => Math.Round(random.NextDouble() * 100, random.Next(3)) - (random.Next(5) == 0 ? 1000 : 0))];

            int[] assignment = MinCostAssignment.Solve(cost, rows, columns);

            Assert.That(assignment, Is.Unique.And.All.InRange(0, columns - 1), $"trial {trial}");
            double total = Enumerable.Range(0, rows).Sum(r => cost[(r * columns) + assignment[r]]);
            Assert.That(total, Is.EqualTo(BestByEnumeration(cost, rows, columns, 0, new bool[columns])).Within(1e-9), $"trial {trial}");
        }
    }

    private static double BestByEnumeration(double[] cost, int rows, int columns, int row, bool[] taken)
    {
        if (row == rows)
        {
            return 0;
        }

        double best = double.PositiveInfinity;
        for (int c = 0; c < columns; c++)
        {
            if (!taken[c])
            {
                taken[c] = true;
                best = Math.Min(best, cost[(row * columns) + c] + BestByEnumeration(cost, rows, columns, row + 1, taken));
                taken[c] = false;
            }
        }

        return best;
    }
}
