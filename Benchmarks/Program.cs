using BenchmarkDotNet.Running;

// dotnet run -c Release --project Benchmarks -- --filter '*'            all benchmarks
// dotnet run -c Release --project Benchmarks -- --filter '*LeastBandwidth*' --job short
BenchmarkSwitcher.FromAssembly(typeof(PartialLoading.Benchmarks.Support.SyntheticInstances).Assembly).Run(args);
