using System.Globalization;
using System.Text;

namespace MtlSharing.Benchmarks.Overhead;

/// <summary>Renders parameter-overhead rows as a Markdown table or as CSV.</summary>
public static class ParameterOverheadFormat
{
    /// <summary>A Markdown table (also readable on the console).</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The table.</returns>
    public static string Markdown(IEnumerable<ParameterOverheadRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendLine("| Backbone | Layout | T | Parameters | MiB (float32) | T independent models | MiB of T independent | Relative to independent | Task-specific share |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Backbone} | {row.Layout} | {row.Tasks} | {row.Parameters:N0} | {Mebibytes(row.Bytes):F2} | {row.IndependentParameters:N0} | {Mebibytes(row.IndependentBytes):F2} | {row.RelativeToIndependent:F3} | {row.TaskSpecificShare:P1} |"));
        }

        return text.ToString();
    }

    /// <summary>CSV with exact counts and unrounded ratios.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The CSV text.</returns>
    public static string Csv(IEnumerable<ParameterOverheadRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendLine("backbone,layout,tasks,parameters,bytes_float32,independent_parameters,independent_bytes_float32,relative_to_independent,task_specific_share");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{row.Backbone},{row.Layout},{row.Tasks},{row.Parameters},{row.Bytes},{row.IndependentParameters},{row.IndependentBytes},{row.RelativeToIndependent:R},{row.TaskSpecificShare:R}"));
        }

        return text.ToString();
    }

    private static double Mebibytes(long bytes) => bytes / (1024.0 * 1024.0);
}
