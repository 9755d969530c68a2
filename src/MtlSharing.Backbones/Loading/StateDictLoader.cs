using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// A strict <c>load_state_dict</c> that checks every key and shape first and, on a mismatch,
/// lists them all in PyTorch's words and changes nothing. TorchSharp's own
/// <c>load_state_dict(strict: true)</c> reports only that the key sets differ, and a shape
/// mismatch surfaces from <c>copy_</c> after earlier tensors were already copied.
/// </summary>
internal static class StateDictLoader
{
    public static void Load(nn.Module module, string title, IDictionary<string, Tensor> source)
    {
        var destination = module.state_dict();
        var missing = destination.Keys.Where(key => !source.ContainsKey(key)).ToList();
        var unexpected = source.Keys.Where(key => !destination.ContainsKey(key)).ToList();
        var misshapen = destination
            .Where(entry => source.TryGetValue(entry.Key, out var value) && !value.shape.SequenceEqual(entry.Value.shape))
            .Select(entry => $"size mismatch for {entry.Key}: copying a param with shape {Shape(source[entry.Key].shape)} from checkpoint, the shape in current model is {Shape(entry.Value.shape)}.")
            .ToList();
        if (missing.Count + unexpected.Count + misshapen.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add($"Missing key(s) in state_dict: {Quoted(missing)}.");
            }

            if (unexpected.Count > 0)
            {
                problems.Add($"Unexpected key(s) in state_dict: {Quoted(unexpected)}.");
            }

            problems.AddRange(misshapen);
            throw new ArgumentException($"Error(s) in loading state_dict for {title}:\n\t{string.Join("\n\t", problems)}\nNothing was loaded.", nameof(source));
        }

        using (no_grad())
        {
            foreach (var (key, target) in destination)
            {
                target.copy_(source[key]);
            }
        }
    }

    private static string Quoted(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"\"{k}\""));

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
