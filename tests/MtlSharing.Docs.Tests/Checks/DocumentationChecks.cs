namespace MtlSharing.Docs.Tests.Checks;

/// <summary>Finds what is wrong with a Markdown document: unquoted or stale code, stray markers, broken links.</summary>
internal static class DocumentationChecks
{
    /// <summary>C# blocks without a marker, naming no region, or differing from their region.</summary>
    /// <param name="document">The document.</param>
    /// <param name="regions">The example regions by name.</param>
    /// <returns>One message per problem.</returns>
    public static IReadOnlyList<string> StaleExamples(MarkdownDocument document, IReadOnlyDictionary<string, string> regions)
    {
        var problems = new List<string>();
        foreach (var block in document.Blocks.Where(b => b.IsCSharp))
        {
            if (block.Example is null)
            {
                problems.Add($"{document.Path}:{block.Line}: a csharp block without an <!-- example: name --> marker right before it");
            }
            else if (!regions.TryGetValue(block.Example, out var region))
            {
                problems.Add($"{document.Path}:{block.Line}: example '{block.Example}' is no #region in tests/MtlSharing.Docs.Tests/Examples");
            }
            else if (region != block.Text)
            {
                problems.Add($"{document.Path}:{block.Line}: the block differs from region '{block.Example}'.\n--- region:\n{region}\n--- block:\n{block.Text}");
            }
        }

        return problems;
    }

    /// <summary>Markers that no C# block follows.</summary>
    /// <param name="document">The document.</param>
    /// <returns>One message per stray marker.</returns>
    public static IReadOnlyList<string> StrayMarkers(MarkdownDocument document)
    {
        var quoted = document.Blocks.Where(b => b.IsCSharp && b.Example is not null).Select(b => b.Example).ToHashSet();
        return document.Markers.Where(m => !quoted.Contains(m.Name)).Select(m => $"{document.Path}:{m.Line}: marker '{m.Name}' is not followed by a csharp block").ToList();
    }

    /// <summary>Relative links that lead outside the root, to nothing, or to a heading that does not exist.</summary>
    /// <param name="root">The folder the document's path is relative to.</param>
    /// <param name="document">The document.</param>
    /// <returns>One message per broken link.</returns>
    public static IReadOnlyList<string> BrokenLinks(string root, MarkdownDocument document)
    {
        var problems = new List<string>();
        foreach (var link in document.Links.Where(l => !IsExternal(l.Target)))
        {
            var hash = link.Target.IndexOf('#', StringComparison.Ordinal);
            var (target, anchor) = hash < 0 ? (link.Target, null) : (link.Target[..hash], link.Target[(hash + 1)..]);
            if (target.Length == 0)
            {
                if (!document.Anchors.Contains(anchor!))
                {
                    problems.Add($"{document.Path}:{link.Line}: '{link.Target}': the page has no heading with that anchor");
                }

                continue;
            }

            var resolved = Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(document.Path)!, Uri.UnescapeDataString(target)))).Replace('\\', '/');
            var full = Path.Combine(root, resolved);
            if (resolved.StartsWith("..", StringComparison.Ordinal))
            {
                problems.Add($"{document.Path}:{link.Line}: '{link.Target}' points outside the repository");
            }
            else if (!File.Exists(full) && !Directory.Exists(full))
            {
                problems.Add($"{document.Path}:{link.Line}: '{link.Target}' names no file or folder ({resolved})");
            }
            else if (anchor is not null && !(resolved.EndsWith(".md", StringComparison.Ordinal) && MarkdownDocument.Parse(resolved, File.ReadAllText(full)).Anchors.Contains(anchor)))
            {
                problems.Add($"{document.Path}:{link.Line}: '{link.Target}': {resolved} has no heading with anchor '#{anchor}'");
            }
        }

        return problems;
    }

    /// <summary>Whether a link target is an absolute web or mail address rather than a path in the repository.</summary>
    /// <param name="target">The link's target.</param>
    /// <returns>True for http, https and mailto addresses.</returns>
    public static bool IsExternal(string target) =>
        target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
}
