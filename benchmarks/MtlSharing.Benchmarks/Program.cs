using BenchmarkDotNet.Running;
using MtlSharing.Benchmarks.Overhead;
using MtlSharing.Benchmarks.Suite;

// Runs the benchmarks. `--short` or `--full` run the layout suite (see README.md); any other
// arguments go to BenchmarkDotNet, e.g. --filter '*RoutingOverhead*' --job short.
SuiteCommandLine commandLine;
try
{
    commandLine = SuiteCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run([.. commandLine.BenchmarkArguments], SuiteConfig.Create(commandLine.Matrix, commandLine.Job));

foreach (var summary in summaries)
{
    var rows = ParameterOverheadTable.Compute(ParameterOverheadTable.CasesOf(summary));
    if (rows.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine($"// * Parameter overhead ({summary.Title}) *");
        Console.WriteLine(ParameterOverheadFormat.Markdown(rows));
    }
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
