using System.Text;

namespace MtlSharing.Metrics;

/// <summary>
/// A small table of text cells rendered as aligned plain text, a Markdown table or CSV. The leading
/// label columns are left-aligned; the others hold numbers and are right-aligned. Lines end with
/// '\n' on every platform.
/// </summary>
internal sealed class TextTable
{
    private readonly int labelColumns;
    private readonly string[] header;
    private readonly List<string[]> rows = [];

    /// <summary>Creates a table with the given column headers.</summary>
    /// <param name="labelColumns">How many leading columns hold labels (left-aligned).</param>
    /// <param name="header">One header per column.</param>
    public TextTable(int labelColumns, params string[] header)
    {
        this.labelColumns = labelColumns;
        this.header = header;
    }

    /// <summary>Appends a row.</summary>
    /// <param name="cells">One cell per column.</param>
    public void AddRow(params string[] cells)
    {
        if (cells.Length != header.Length)
        {
            throw new ArgumentException($"a row needs {header.Length} cells; got {cells.Length}", nameof(cells));
        }

        rows.Add(cells);
    }

    /// <summary>Plain text with columns padded to a common width and two spaces between them.</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var widths = new int[header.Length];
        foreach (var line in rows.Prepend(header))
        {
            for (var c = 0; c < line.Length; c++)
            {
                widths[c] = Math.Max(widths[c], line[c].Length);
            }
        }

        var text = new StringBuilder();
        foreach (var line in rows.Prepend(header))
        {
            var cells = line.Select((cell, c) => c < labelColumns ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown table; '|' inside a cell is escaped.</summary>
    /// <returns>The Markdown.</returns>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        AppendMarkdownLine(text, header);
        AppendMarkdownLine(text, header.Select((_, c) => c < labelColumns ? ":---" : "---:"));
        foreach (var row in rows)
        {
            AppendMarkdownLine(text, row);
        }

        return text.ToString();
    }

    /// <summary>Comma-separated values (RFC 4180 quoting), header first.</summary>
    /// <returns>The CSV.</returns>
    public string ToCsv()
    {
        var text = new StringBuilder();
        foreach (var line in rows.Prepend(header))
        {
            text.Append(string.Join(",", line.Select(QuoteCsv))).Append('\n');
        }

        return text.ToString();
    }

    private static void AppendMarkdownLine(StringBuilder text, IEnumerable<string> cells) =>
        text.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");

    private static string QuoteCsv(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
