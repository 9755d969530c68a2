namespace MtlSharing.Docs.Tests.Checks;

/// <summary>
/// The named <c>#region</c> blocks of the example sources. A region may come in several parts with
/// the same name (say, its using directives at the top of the file and its statements inside a
/// test); the parts are joined with one blank line. Regions may nest; the directive lines
/// themselves are never part of the text.
/// </summary>
internal static class ExampleRegions
{
    /// <summary>Reads every region of the example sources.</summary>
    /// <returns>Each region's normalised text by name.</returns>
    public static IReadOnlyDictionary<string, string> Load() =>
        Parse(Repository.ExampleFiles.Select(file => (Path.GetFileName(file), File.ReadAllText(file))));

    /// <summary>Collects the regions of some C# sources.</summary>
    /// <param name="sources">Each source's file name and text.</param>
    /// <returns>Each region's normalised text by name.</returns>
    /// <exception cref="InvalidOperationException">A region without a name, unbalanced directives, or one name in two files.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<(string File, string Text)> sources)
    {
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var fileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, source) in sources)
        {
            foreach (var (name, text) in Regions(file, source))
            {
                if (fileOf.TryGetValue(name, out var other) && other != file)
                {
                    throw new InvalidOperationException($"region '{name}' is defined in both {other} and {file}");
                }

                fileOf[name] = file;
                (parts.TryGetValue(name, out var list) ? list : parts[name] = []).Add(text);
            }
        }

        return parts.ToDictionary(p => p.Key, p => string.Join("\n\n", p.Value), StringComparer.Ordinal);
    }

    private static IEnumerable<(string Name, string Text)> Regions(string file, string source)
    {
        var open = new Stack<(string Name, List<string> Lines)>();
        var lineNumber = 0;
        foreach (var line in source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            lineNumber++;
            var directive = line.Trim();
            if (directive.StartsWith("#region", StringComparison.Ordinal))
            {
                var name = directive["#region".Length..].Trim();
                if (name.Length == 0)
                {
                    throw new InvalidOperationException($"{file}:{lineNumber}: a region without a name");
                }

                open.Push((name, []));
            }
            else if (directive.StartsWith("#endregion", StringComparison.Ordinal))
            {
                if (open.Count == 0)
                {
                    throw new InvalidOperationException($"{file}:{lineNumber}: #endregion without #region");
                }

                var (name, lines) = open.Pop();
                yield return (name, Indentation.Normalise(lines));
            }
            else
            {
                foreach (var (_, lines) in open)
                {
                    lines.Add(line);
                }
            }
        }

        if (open.Count > 0)
        {
            throw new InvalidOperationException($"{file}: region '{open.Peek().Name}' is never closed");
        }
    }
}
