namespace MtlSharing.Docs.Tests.Checks;

/// <summary>Puts code into one canonical layout so that a quoted block and its source region compare equal.</summary>
internal static class Indentation
{
    /// <summary>
    /// Removes the indentation every non-blank line shares, trailing spaces, and blank lines at the
    /// start and end; line endings become "\n".
    /// </summary>
    /// <param name="lines">The code's lines.</param>
    /// <returns>The normalised text.</returns>
    public static string Normalise(IEnumerable<string> lines)
    {
        var trimmed = lines.Select(l => l.TrimEnd()).ToList();
        var common = trimmed.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var body = trimmed.Select(l => l.Length == 0 ? l : l[common..]).SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse();
        return string.Join("\n", body);
    }
}
