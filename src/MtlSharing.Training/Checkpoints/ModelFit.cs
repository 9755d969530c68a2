using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>Checks that saved model state has exactly the model's entries, with the model's shapes.</summary>
internal static class ModelFit
{
    private const int Listed = 5;

    /// <summary>Throws unless <paramref name="saved"/> would load into <paramref name="model"/> strictly.</summary>
    /// <param name="model">The model.</param>
    /// <param name="saved">The saved entries, without the <c>model.</c> prefix.</param>
    /// <exception cref="InvalidDataException">Missing or unexpected entries, or shape mismatches, listed.</exception>
    public static void Require(MultiTaskModel model, IReadOnlyDictionary<string, Tensor> saved)
    {
        using var scope = NewDisposeScope();
        var current = model.state_dict();
        var problems = new List<string>();
        var missing = current.Keys.Where(k => !saved.ContainsKey(k)).ToList();
        var unexpected = saved.Keys.Where(k => !current.ContainsKey(k)).ToList();
        var resized = current.Where(c => saved.TryGetValue(c.Key, out var s) && !s.shape.SequenceEqual(c.Value.shape))
            .Select(c => $"{c.Key} is [{string.Join(", ", saved[c.Key].shape)}] but the model's is [{string.Join(", ", c.Value.shape)}]")
            .ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{missing.Count} model entries are missing ({List(missing)})");
        }

        if (unexpected.Count > 0)
        {
            problems.Add($"{unexpected.Count} entries are not in the model ({List(unexpected)})");
        }

        if (resized.Count > 0)
        {
            problems.Add($"{resized.Count} entries have other shapes ({List(resized)})");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"it was saved from another model: {string.Join("; ", problems)}");
        }
    }

    private static string List(List<string> items) =>
        string.Join(", ", items.Take(Listed)) + (items.Count > Listed ? $", and {items.Count - Listed} more" : string.Empty);
}
