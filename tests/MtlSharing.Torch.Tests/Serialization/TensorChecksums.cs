namespace MtlSharing.Torch.Tests.Serialization;

/// <summary>The checksums torch_interop.py prints, computed here the same way.</summary>
internal static class TensorChecksums
{
    /// <summary>The sum of the values, in float64.</summary>
    public static double Sum(torch.Tensor tensor) => Values(tensor).Sum();

    /// <summary>sum(value[i] * (i + 1)) over the flattened values: it also checks their order.</summary>
    public static double WeightedSum(torch.Tensor tensor) => Values(tensor).Select((v, i) => v * (i + 1)).Sum();

    /// <summary>PyTorch's name of the element type, as in str(tensor.dtype) without "torch.".</summary>
    public static string DtypeName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.Float64 => "float64",
        torch.ScalarType.Int64 => "int64",
        torch.ScalarType.Int32 => "int32",
        torch.ScalarType.Bool => "bool",
        _ => type.ToString(),
    };

    private static double[] Values(torch.Tensor tensor)
    {
        using var detached = tensor.detach();
        using var asDouble = detached.to(float64);
        return asDouble.ToArray<double>();
    }
}
