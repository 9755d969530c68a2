using System.Globalization;
using System.Text;

namespace MtlSharing.Backbones;

/// <summary>Renders a <see cref="CostReport"/> as a fixed-width text table.</summary>
internal static class CostTable
{
    private static readonly string[] Headers = ["block", "modules", "output", "parameters", "multiply-adds"];

    public static string Render(CostReport report)
    {
        var rows = report.Blocks.Append(report.Head).OfType<BlockCost>()
            .Select(b => new[] { b.Name, string.Join(", ", b.Paths), Shape(b.OutputShape), Count(b.Parameters), Count(b.MultiplyAdds) })
            .ToList();
        rows.Add(["total", string.Empty, string.Empty, Count(report.TotalParameters), Count(report.TotalMultiplyAdds)]);
        var widths = Enumerable.Range(0, Headers.Length).Select(c => rows.Append(Headers).Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{report.Model}, input {Shape(report.SampleShape)}: ")
            .Append(CultureInfo.InvariantCulture, $"{Giga(report.TotalMultiplyAdds)} G multiply-adds (Conv2d and Linear, batch of 1), {Mega(report.TotalParameters)} M parameters")
            .AppendLine();
        AppendRow(text, Headers, widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, c) => c >= 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        text.AppendLine(string.Join("  ", padded).TrimEnd());
    }

    private static string Shape(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Giga(long value) => (value / 1e9).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Mega(long value) => (value / 1e6).ToString("0.000", CultureInfo.InvariantCulture);
}
