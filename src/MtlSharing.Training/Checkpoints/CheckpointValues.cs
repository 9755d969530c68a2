using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>Writes and reads the trainer's scalar and text entries, checking type and shape.</summary>
internal static class CheckpointValues
{
    public static Tensor Long(long value) => tensor(value, ScalarType.Int64);

    public static Tensor Double(double value) => tensor(value, ScalarType.Float64);

    public static Tensor Text(string value) => tensor(Encoding.UTF8.GetBytes(value));

    /// <summary>Reads a 0-dim integer entry.</summary>
    /// <exception cref="InvalidDataException">The entry is missing or not a 0-dim integer.</exception>
    public static long ReadLong(IReadOnlyDictionary<string, Tensor> state, string key)
    {
        var value = Require(state, key);
        if (value.dim() != 0 || is_floating_point(value.dtype) || value.dtype == ScalarType.Bool)
        {
            throw new InvalidDataException($"entry '{key}' should be a 0-dim integer tensor but is {value.dtype} of shape [{string.Join(", ", value.shape)}]");
        }

        return value.ToInt64();
    }

    /// <summary>Reads a 0-dim integer entry that must lie in [min, max].</summary>
    /// <exception cref="InvalidDataException">The entry is missing, malformed or out of range.</exception>
    public static long ReadLong(IReadOnlyDictionary<string, Tensor> state, string key, long min, long max)
    {
        var value = ReadLong(state, key);
        return value >= min && value <= max ? value : throw new InvalidDataException($"entry '{key}' is {value}, outside the valid range {min}–{max}");
    }

    /// <summary>Reads a 0-dim floating-point entry.</summary>
    /// <exception cref="InvalidDataException">The entry is missing or not a 0-dim float.</exception>
    public static double ReadDouble(IReadOnlyDictionary<string, Tensor> state, string key)
    {
        var value = Require(state, key);
        if (value.dim() != 0 || !is_floating_point(value.dtype))
        {
            throw new InvalidDataException($"entry '{key}' should be a 0-dim floating-point tensor but is {value.dtype} of shape [{string.Join(", ", value.shape)}]");
        }

        return value.ToDouble();
    }

    /// <summary>Reads a UTF-8 text entry (a uint8 vector).</summary>
    /// <exception cref="InvalidDataException">The entry is missing or not a uint8 vector.</exception>
    public static string ReadText(IReadOnlyDictionary<string, Tensor> state, string key)
    {
        var value = Require(state, key);
        if (value.dim() != 1 || value.dtype != ScalarType.Byte)
        {
            throw new InvalidDataException($"entry '{key}' should be a uint8 vector (UTF-8 text) but is {value.dtype} of shape [{string.Join(", ", value.shape)}]");
        }

        return Encoding.UTF8.GetString(value.ToArrayOf<byte>());
    }

    private static Tensor Require(IReadOnlyDictionary<string, Tensor> state, string key) =>
        state.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"entry '{key}' is missing, so the file is not a complete MultiTaskTrainer checkpoint");
}
