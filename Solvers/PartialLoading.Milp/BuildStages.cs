namespace PartialLoading.Milp;

/// <summary>
/// Runs the stages of building a model, asking between stages whether to stop: building the largest models allowed
/// takes seconds, and a time limit or Ctrl-C must hold from the moment the solve is asked for (docs/model.md §9).
/// </summary>
internal static class BuildStages
{
    /// <summary>Runs <paramref name="stages"/> in order; false when <paramref name="stop"/> said so before one of them.</summary>
    public static bool Run(IEnumerable<Action> stages, Func<bool> stop)
    {
        foreach (Action stage in stages)
        {
            if (stop())
            {
                return false;
            }

            stage();
        }

        return !stop();
    }
}
