using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>Writing and validated reading of the scalar entries that weighting state dicts hold.</summary>
internal static class StateEntries
{
    /// <summary>A new float64 scalar tensor.</summary>
    public static Tensor Scalar(double value) => tensor(value, ScalarType.Float64);

    /// <summary>A new int64 scalar tensor.</summary>
    public static Tensor Integer(long value) => tensor(value, ScalarType.Int64);

    /// <summary>Throws unless every key of the state is one the method accepts.</summary>
    public static void RejectUnknownKeys(IReadOnlyDictionary<string, Tensor> state, Func<string, bool> isKnown, string method)
    {
        ArgumentNullException.ThrowIfNull(state);
        var unknown = state.Keys.Where(k => !isKnown(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"the {method} state has unexpected entries {string.Join(", ", unknown)}", nameof(state));
        }
    }

    /// <summary>The value of a required one-element entry, checked to be finite and within bounds.</summary>
    public static double ReadDouble(IReadOnlyDictionary<string, Tensor> state, string key, string method, double minimum = double.NegativeInfinity, bool minimumExclusive = false)
    {
        if (!state.TryGetValue(key, out var value) || value is null)
        {
            throw new ArgumentException($"the {method} state has no entry '{key}'", nameof(state));
        }

        if (value.numel() != 1)
        {
            throw new ArgumentException($"the {method} state entry '{key}' has shape [{string.Join(", ", value.shape)}]; it must be a scalar", nameof(state));
        }

        var number = value.ToDouble();
        var tooSmall = minimumExclusive ? number <= minimum : number < minimum;
        if (!double.IsFinite(number) || tooSmall)
        {
            var bound = double.IsNegativeInfinity(minimum) ? "a finite number" : $"a finite number {(minimumExclusive ? ">" : "≥")} {minimum}";
            throw new ArgumentException($"the {method} state entry '{key}' is {number}; it must be {bound}", nameof(state));
        }

        return number;
    }

    /// <summary>The value of a required one-element integer entry, checked to be non-negative.</summary>
    public static long ReadCount(IReadOnlyDictionary<string, Tensor> state, string key, string method)
    {
        var number = ReadDouble(state, key, method, minimum: 0);
        if (number != Math.Floor(number) || number > long.MaxValue)
        {
            throw new ArgumentException($"the {method} state entry '{key}' is {number}; it must be a whole number", nameof(state));
        }

        return state[key].ToInt64();
    }

    /// <summary>The entries whose key starts with the prefix, by the rest of the key (a task name).</summary>
    public static Dictionary<string, double> ReadPrefixed(IReadOnlyDictionary<string, Tensor> state, string prefix, string method, double minimum = double.NegativeInfinity, bool minimumExclusive = false) =>
        state.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(k => k[prefix.Length..], k => ReadDouble(state, k, method, minimum, minimumExclusive), StringComparer.Ordinal);
}
