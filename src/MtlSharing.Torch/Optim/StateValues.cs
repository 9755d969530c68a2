using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>Reads numbers out of flat state dictionaries, with messages that name the missing or malformed key.</summary>
internal static class StateValues
{
    internal static Tensor Require(IReadOnlyDictionary<string, Tensor> values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetValue(key, out var tensor) || tensor is null)
        {
            throw new ArgumentException($"the state dict has no '{key}' entry");
        }

        return tensor;
    }

    internal static double ReadDouble(IReadOnlyDictionary<string, Tensor> values, string key)
    {
        var tensor = Require(values, key);
        if (tensor.numel() != 1)
        {
            throw new ArgumentException($"'{key}' must hold one number; it has shape [{string.Join(", ", tensor.shape)}]");
        }

        return tensor.item<double>();
    }

    internal static long ReadLong(IReadOnlyDictionary<string, Tensor> values, string key)
    {
        var value = ReadDouble(values, key);
        if (value != Math.Floor(value))
        {
            throw new ArgumentException($"'{key}' must hold a whole number; got {value}");
        }

        return (long)value;
    }

    internal static double[] ReadDoubles(IReadOnlyDictionary<string, Tensor> values, string key, long count)
    {
        var tensor = Require(values, key);
        if (tensor.dim() != 1 || tensor.numel() != count)
        {
            throw new ArgumentException($"'{key}' must be a vector of {count} numbers; it has shape [{string.Join(", ", tensor.shape)}]");
        }

        using var asDouble = tensor.to(ScalarType.Float64).DetachFromDisposeScope();
        return asDouble.ToArray<double>();
    }

    internal static Tensor Scalar(double value) => scalar_tensor(value, ScalarType.Float64);

    internal static Tensor Scalar(long value) => scalar_tensor(value, ScalarType.Int64);

    internal static Tensor Vector(double[] values) => tensor(values);
}
