using System.Text.RegularExpressions;

namespace MtlSharing.Docs.Tests.Checks;

/// <summary>What the checks need from one Markdown file: its fenced code blocks, example markers, links and heading anchors.</summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, IReadOnlyList<CodeBlock> blocks, IReadOnlyList<Marker> markers, IReadOnlyList<Link> links, IReadOnlySet<string> anchors)
    {
        Path = path;
        Blocks = blocks;
        Markers = markers;
        Links = links;
        Anchors = anchors;
    }

    /// <summary>The file, relative to the repository root.</summary>
    public string Path { get; }

    /// <summary>The fenced code blocks, with the example marker right before each, if any.</summary>
    public IReadOnlyList<CodeBlock> Blocks { get; }

    /// <summary>Every <c>&lt;!-- example: name --&gt;</c> marker.</summary>
    public IReadOnlyList<Marker> Markers { get; }

    /// <summary>The links outside code.</summary>
    public IReadOnlyList<Link> Links { get; }

    /// <summary>The anchors GitHub makes from the headings.</summary>
    public IReadOnlySet<string> Anchors { get; }

    /// <summary>Reads a Markdown file of the repository.</summary>
    /// <param name="relativePath">Its path from the root.</param>
    /// <returns>The document.</returns>
    public static MarkdownDocument Read(string relativePath) => Parse(relativePath, Repository.Read(relativePath));

    /// <summary>Parses Markdown text.</summary>
    /// <param name="relativePath">The file's path from the root, for messages and relative links.</param>
    /// <param name="text">The Markdown.</param>
    /// <returns>The document.</returns>
    public static MarkdownDocument Parse(string relativePath, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<CodeBlock>();
        var markers = new List<Marker>();
        var links = new List<Link>();
        var anchors = new AnchorSet();
        string? pendingMarker = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fence = FencePattern().Match(line);
            if (fence.Success)
            {
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == fence.Groups["fence"].Value);
                if (end < 0)
                {
                    throw new InvalidOperationException($"{relativePath}:{i + 1}: a code block that is never closed");
                }

                blocks.Add(new CodeBlock(i + 1, fence.Groups["language"].Value.Trim(), pendingMarker, Indentation.Normalise(lines[(i + 1)..end])));
                pendingMarker = null;
                i = end;
                continue;
            }

            var marker = MarkerPattern().Match(line);
            if (marker.Success)
            {
                pendingMarker = marker.Groups["name"].Value;
                markers.Add(new Marker(i + 1, pendingMarker));
                continue;
            }

            if (line.Trim().Length > 0)
            {
                pendingMarker = null;
            }

            var heading = HeadingPattern().Match(line);
            if (heading.Success)
            {
                anchors.Add(heading.Groups["title"].Value);
            }

            var prose = InlineCodePattern().Replace(line, string.Empty);
            links.AddRange(LinkPattern().Matches(prose).Select(m => new Link(i + 1, m.Groups["target"].Value)));
        }

        return new MarkdownDocument(relativePath, blocks, markers, links, anchors.Anchors);
    }

    /// <summary>A fenced code block.</summary>
    /// <param name="Line">The line of its opening fence.</param>
    /// <param name="Language">Its info string, e.g. "csharp".</param>
    /// <param name="Example">The name in the marker right before it, or null.</param>
    /// <param name="Text">Its normalised text.</param>
    public sealed record CodeBlock(int Line, string Language, string? Example, string Text)
    {
        /// <summary>Whether the block is C#.</summary>
        public bool IsCSharp => Language is "csharp" or "cs" or "c#";
    }

    /// <summary>An example marker.</summary>
    /// <param name="Line">Its line.</param>
    /// <param name="Name">The example's region name.</param>
    public sealed record Marker(int Line, string Name);

    /// <summary>A link.</summary>
    /// <param name="Line">Its line.</param>
    /// <param name="Target">What it points at, e.g. "docs/routing.md#batchnorm".</param>
    public sealed record Link(int Line, string Target);

    [GeneratedRegex(@"^\s*(?<fence>```|~~~)(?<language>[^`]*)$")]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^\s*<!--\s*example:\s*(?<name>[A-Za-z0-9._-]+)\s*-->\s*$")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCodePattern();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();
}
