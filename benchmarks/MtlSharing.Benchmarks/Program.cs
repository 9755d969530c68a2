using BenchmarkDotNet.Running;

// Runs the benchmark suite; pass BenchmarkDotNet arguments, e.g. --filter '*RoutingOverhead*' --job short.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
