namespace PartialLoading.DynamicProgramming;

/// <summary>
/// The rectangular assignment problem: n rows onto n distinct columns of m ≥ n, minimising the total cost, by the
/// Hungarian method with potentials (shortest augmenting paths, O(n²·m)).
/// </summary>
internal static class MinCostAssignment
{
    /// <summary>For each row, the column assigned to it. Costs must be finite.</summary>
    /// <param name="cost">Row-major n × m costs.</param>
    /// <param name="rows">n.</param>
    /// <param name="columns">m ≥ n.</param>
    public static int[] Solve(double[] cost, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, columns);
        ArgumentOutOfRangeException.ThrowIfNotEqual(cost.Length, rows * columns);

        // 1-based arrays as in the classical formulation: column 0 is the virtual start of each augmenting path.
        var rowPotential = new double[rows + 1];
        var columnPotential = new double[columns + 1];
        var rowOfColumn = new int[columns + 1];
        var previous = new int[columns + 1];
        var slack = new double[columns + 1];
        var visited = new bool[columns + 1];
        for (int row = 1; row <= rows; row++)
        {
            rowOfColumn[0] = row;
            int column = 0;
            Array.Fill(slack, double.PositiveInfinity);
            Array.Clear(visited);
            do
            {
                visited[column] = true;
                int current = rowOfColumn[column];
                double delta = double.PositiveInfinity;
                int next = 0;
                for (int j = 1; j <= columns; j++)
                {
                    if (visited[j])
                    {
                        continue;
                    }

                    double reduced = cost[((current - 1) * columns) + (j - 1)] - rowPotential[current] - columnPotential[j];
                    if (reduced < slack[j])
                    {
                        slack[j] = reduced;
                        previous[j] = column;
                    }

                    if (slack[j] < delta)
                    {
                        delta = slack[j];
                        next = j;
                    }
                }

                for (int j = 0; j <= columns; j++)
                {
                    if (visited[j])
                    {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    }
                    else
                    {
                        slack[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            do
            {
                int before = previous[column];
                rowOfColumn[column] = rowOfColumn[before];
                column = before;
            }
            while (column != 0);
        }

        var assignment = new int[rows];
        for (int j = 1; j <= columns; j++)
        {
            if (rowOfColumn[j] != 0)
            {
                assignment[rowOfColumn[j] - 1] = j - 1;
            }
        }

        return assignment;
    }
}
