using System.Collections;
using System.Globalization;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Serialization;

/// <summary>
/// Turns an unpickled checkpoint into a flat dictionary: nested dicts and lists become dotted
/// keys ("layer1.0.weight", optimizer "state.0.momentum_buffer"), numbers become zero-dimensional
/// tensors (int to int64, float to float64, bool to bool) and None entries are left out.
/// </summary>
internal static class StateDictFlattener
{
    private const int MaxDepth = 64;

    /// <summary>Flattens <paramref name="root"/>, which must be a dict.</summary>
    public static Dictionary<string, Tensor> Flatten(object? root)
    {
        if (root is not OrderedDictionary<object, object?> dict)
        {
            throw new InvalidDataException($"the checkpoint holds a {Describe(root)}, not a dict of tensors");
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        AddDict(string.Empty, dict, result, depth: 0);
        return result;
    }

    private static void AddDict(string prefix, OrderedDictionary<object, object?> dict, Dictionary<string, Tensor> result, int depth)
    {
        foreach (var (key, value) in dict)
        {
            var name = key switch
            {
                string s => s,
                long i => i.ToString(CultureInfo.InvariantCulture),
                _ => throw new InvalidDataException($"the key {key} under '{prefix}' is a {Describe(key)}, not a string or integer"),
            };
            Add(prefix.Length == 0 ? name : prefix + "." + name, value, result, depth + 1);
        }
    }

    private static void Add(string key, object? value, Dictionary<string, Tensor> result, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"the entry '{key}' is nested more than {MaxDepth} levels deep");
        }

        switch (value)
        {
            case null:
                return;
            case OrderedDictionary<object, object?> dict:
                AddDict(key, dict, result, depth);
                return;
            case IList list and not byte[]:
                for (var i = 0; i < list.Count; i++)
                {
                    Add(key + "." + i.ToString(CultureInfo.InvariantCulture), list[i], result, depth + 1);
                }

                return;
        }

        var tensor = value switch
        {
            Tensor t => t,
            bool b => torch.tensor(new[] { b }).reshape(),
            long l => torch.tensor(new[] { l }).reshape(),
            double d => torch.tensor(new[] { d }).reshape(),
            _ => throw new InvalidDataException($"the entry '{key}' holds a {Describe(value)}, not a tensor, number or dict"),
        };
        if (!result.TryAdd(key, tensor))
        {
            throw new InvalidDataException($"the key '{key}' occurs twice once nested dicts are flattened");
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string => "str",
        byte[] => "bytes",
        object?[] => "tuple",
        IList => "list",
        PickleGlobal g => g.ToString(),
        _ => value.GetType().Name,
    };
}
