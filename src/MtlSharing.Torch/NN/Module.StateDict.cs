using System.Text;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// The module's state: for this module and then each child recursively, its parameters
            /// and then its persistent buffers, under dotted paths (e.g. "bn.weight", "bn.bias",
            /// "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"), in PyTorch's order
            /// (a dictionary enumerates in insertion order while nothing is removed). The values
            /// are detached tensors sharing the live storage: writing to them changes the module.
            /// They are new handles, owned by the caller (or its dispose scope).
            /// </summary>
            /// <param name="destination">A dictionary to add to, or null for a new one.</param>
            /// <param name="prefix">A prefix for every key, e.g. "backbone.", or null.</param>
            /// <returns>The dictionary.</returns>
            public Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
            {
                destination ??= new Dictionary<string, Tensor>(StringComparer.Ordinal);
                foreach (var (key, tensor) in StateEntries(prefix ?? string.Empty))
                {
                    destination[key] = tensor.detach();
                }

                return destination;
            }

            /// <summary>
            /// Copies values from a state dictionary into the parameters and persistent buffers, in
            /// place and without recording gradients. Everything is checked first: a shape mismatch
            /// (always) or, when <paramref name="strict"/>, a missing or unexpected key raises an
            /// error listing every problem, and then nothing has been changed.
            /// </summary>
            /// <param name="source">Tensors keyed as in <see cref="state_dict"/>.</param>
            /// <param name="strict">Require the keys to match exactly.</param>
            /// <returns>The module's keys absent from the source, and the source keys the module does not have.</returns>
            /// <exception cref="ArgumentException">A shape mismatch, or a key mismatch when strict.</exception>
            public (IList<string> missing_keys, IList<string> unexpected_keys) load_state_dict(IDictionary<string, Tensor> source, bool strict = true)
            {
                ArgumentNullException.ThrowIfNull(source);
                var targets = StateEntries(string.Empty).ToList();
                var expected = targets.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
                var missing = targets.Where(t => !source.ContainsKey(t.Key)).Select(t => t.Key).ToList();
                var unexpected = source.Keys.Where(k => !expected.Contains(k)).ToList();
                var errors = new List<string>();
                if (strict && unexpected.Count > 0)
                {
                    errors.Add($"Unexpected key(s) in state_dict: {Quote(unexpected)}.");
                }

                if (strict && missing.Count > 0)
                {
                    errors.Add($"Missing key(s) in state_dict: {Quote(missing)}.");
                }

                foreach (var (key, target) in targets)
                {
                    if (source.TryGetValue(key, out var value) && !value.shape.AsSpan().SequenceEqual(target.shape))
                    {
                        errors.Add($"size mismatch for {key}: copying a param with shape {Shape(value)} from checkpoint, the shape in current model is {Shape(target)}.");
                    }
                }

                if (errors.Count > 0)
                {
                    throw new ArgumentException($"Error(s) in loading state_dict for {GetName()}; nothing was loaded:\n\t{string.Join("\n\t", errors)}", nameof(source));
                }

                using (no_grad())
                {
                    foreach (var (key, target) in targets)
                    {
                        if (source.TryGetValue(key, out var value))
                        {
                            target.copy_(value);
                        }
                    }
                }

                return (missing, unexpected);
            }

            private IEnumerable<KeyValuePair<string, Tensor>> StateEntries(string prefix)
            {
                foreach (var (parameterName, parameter) in ownParameters)
                {
                    if (parameter is not null)
                    {
                        yield return new(prefix + parameterName, parameter);
                    }
                }

                foreach (var (bufferName, buffer) in ownBuffers)
                {
                    if (buffer is not null && !nonPersistentBuffers.Contains(bufferName))
                    {
                        yield return new(prefix + bufferName, buffer);
                    }
                }

                foreach (var (childName, child) in ownChildren)
                {
                    foreach (var entry in child.StateEntries($"{prefix}{childName}."))
                    {
                        yield return entry;
                    }
                }
            }

            private static string Quote(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"\"{k}\""));

            private static string Shape(Tensor tensor) => new StringBuilder("[").AppendJoin(", ", tensor.shape).Append(']').ToString();
        }
    }
}
