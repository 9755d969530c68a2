using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using MtlSharing.Benchmarks.Suite;

namespace MtlSharing.Benchmarks.Overhead;

/// <summary>
/// Writes the parameter-overhead table of the suite's cases next to BenchmarkDotNet's own result
/// files, as <c>MtlSharing.Benchmarks.Suite.LayoutSharingBenchmarks-parameter-overhead.md</c> and
/// <c>.csv</c> in the results folder (each run replaces them, as it does BenchmarkDotNet's
/// reports). A summary without suite cases writes nothing.
/// </summary>
public sealed class ParameterOverheadExporter : IExporter
{
    /// <inheritdoc />
    public string Name => "ParameterOverhead";

    /// <inheritdoc />
    public void ExportToLog(Summary summary, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var rows = ParameterOverheadTable.Compute(ParameterOverheadTable.CasesOf(summary));
        if (rows.Count > 0)
        {
            logger.WriteLine(ParameterOverheadFormat.Markdown(rows));
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExportToFiles(Summary summary, ILogger consoleLogger)
    {
        var rows = ParameterOverheadTable.Compute(ParameterOverheadTable.CasesOf(summary));
        if (rows.Count == 0)
        {
            return [];
        }

        Directory.CreateDirectory(summary.ResultsDirectoryPath);
        var stem = Path.Combine(summary.ResultsDirectoryPath, typeof(LayoutSharingBenchmarks).FullName + "-parameter-overhead");
        File.WriteAllText(stem + ".md", ParameterOverheadFormat.Markdown(rows));
        File.WriteAllText(stem + ".csv", ParameterOverheadFormat.Csv(rows));
        return [stem + ".md", stem + ".csv"];
    }
}
