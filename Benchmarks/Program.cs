using BenchmarkDotNet.Running;
using PartialLoading.Benchmarks.Studies;

// dotnet run -c Release --project Benchmarks/PartialLoading.Benchmarks.csproj -- --filter '*'            all benchmarks
// dotnet run -c Release --project Benchmarks/PartialLoading.Benchmarks.csproj -- --filter '*LeastBandwidth*' --job short
// dotnet run -c Release --project Benchmarks/PartialLoading.Benchmarks.csproj -- study dp-scaling         a study (see StudyRegistry)
if (args.Length > 0 && args[0] == "study")
{
    return StudyRegistry.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(PartialLoading.Benchmarks.Support.SyntheticInstances).Assembly).Run(args);
return 0;
