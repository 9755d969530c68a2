using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>Compares a state dict with a module's own entries: missing, unexpected and resized entries, listed.</summary>
internal static class StateDictFit
{
    private const int Listed = 5;

    /// <summary>What does not fit, in words, or null when every entry fits.</summary>
    /// <param name="module">The module.</param>
    /// <param name="state">The entries to load.</param>
    /// <param name="strict">Whether missing and unexpected entries count; other shapes always do.</param>
    public static string? Problems(nn.Module module, IReadOnlyDictionary<string, Tensor> state, bool strict)
    {
        var current = module.state_dict();
        var problems = new List<string>();
        var missing = current.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !current.ContainsKey(k)).ToList();
        var resized = current.Where(c => state.TryGetValue(c.Key, out var s) && !s.shape.SequenceEqual(c.Value.shape))
            .Select(c => $"{c.Key} is [{string.Join(", ", state[c.Key].shape)}] but the model's is [{string.Join(", ", c.Value.shape)}]")
            .ToList();
        if (strict && missing.Count > 0)
        {
            problems.Add($"{missing.Count} model entries are missing ({List(missing)})");
        }

        if (strict && unexpected.Count > 0)
        {
            problems.Add($"{unexpected.Count} entries are not in the model ({List(unexpected)})");
        }

        if (resized.Count > 0)
        {
            problems.Add($"{resized.Count} entries have other shapes ({List(resized)})");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string List(List<string> items) =>
        string.Join(", ", items.Take(Listed)) + (items.Count > Listed ? $", and {items.Count - Listed} more" : string.Empty);
}
