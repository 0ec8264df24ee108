// Fixtures of pure computation (no time limit, no process, no thread of their own) are marked
// [Parallelizable(ParallelScope.All)]: NUnit runs them in a shift of their own on these two workers, never beside the
// unmarked fixtures, whose time limits, signals and thread counts assume the machine to themselves.
[assembly: LevelOfParallelism(2)]
