namespace PartialLoading.Benchmarks.Studies;

/// <summary>The studies <c>-- study NAME</c> knows; add a study by adding it to <see cref="All"/>.</summary>
internal static class StudyRegistry
{
    private static readonly IStudy[] All =
    [
        new DpScalingStudy(),
        new ExactFrontierStudy(),
    ];

    /// <summary>Runs the study named in <paramref name="args"/>[0], or lists the studies.</summary>
    public static int Run(string[] args)
    {
        IStudy? study = args.Length == 1 ? All.FirstOrDefault(s => s.Name == args[0]) : null;
        if (study is null)
        {
            Console.Error.WriteLine(args.Length == 0 ? "study: name a study:" : $"study: unknown study '{string.Join(' ', args)}'; known:");
            foreach (IStudy known in All)
            {
                Console.Error.WriteLine($"  {known.Name,-14} {known.Description}");
            }

            return 2;
        }

        return study.Run(StudyOutput.InRepository(), Console.Error);
    }
}
