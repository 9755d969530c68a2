namespace MtlSharing.Selectors;

/// <summary>Levenshtein distance, used to suggest the nearest valid names in error messages.</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The candidates closest to a name, nearest first.</summary>
    public static IEnumerable<string> Nearest(string name, IEnumerable<string> candidates, int count = 3) =>
        candidates.OrderBy(c => Between(c, name)).ThenBy(c => c.Length).Take(count);
}
