namespace MtlSharing.Torch.Modules;

/// <summary>The valid names closest (by edit distance) to a misspelt one, for error messages.</summary>
internal static class NameSuggestions
{
    public static IReadOnlyList<string> Nearest(string wanted, IEnumerable<string> candidates, int count = 3) =>
        candidates
            .Select((name, order) => (Name: name, Order: order, Distance: Distance(wanted, name)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Order)
            .Take(count)
            .Select(c => c.Name)
            .ToList();

    private static int Distance(string a, string b)
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
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
