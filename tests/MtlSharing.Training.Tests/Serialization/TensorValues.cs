using TorchSharp;

namespace MtlSharing.Training.Tests.Serialization;

/// <summary>Reads tensors back as plain arrays, and the checksums torch_interop.py prints, computed the same way.</summary>
internal static class TensorValues
{
    /// <summary>The values in row-major order, converted to float64 (exact for every type tested here).</summary>
    public static double[] Doubles(torch.Tensor tensor)
    {
        if (tensor.numel() == 0)
        {
            return []; // TorchSharp's accessor throws on an empty tensor.
        }

        using var scope = torch.NewDisposeScope();
        return tensor.detach().to(torch.float64).contiguous().data<double>().ToArray();
    }

    /// <summary>The values in row-major order, converted to int64.</summary>
    public static long[] Longs(torch.Tensor tensor)
    {
        if (tensor.numel() == 0)
        {
            return [];
        }

        using var scope = torch.NewDisposeScope();
        return tensor.detach().to(torch.int64).contiguous().data<long>().ToArray();
    }

    /// <summary>The sum of the values, in float64.</summary>
    public static double Sum(torch.Tensor tensor) => Doubles(tensor).Sum();

    /// <summary>sum(value[i] * (i + 1)) over the flattened values: it also checks their order.</summary>
    public static double WeightedSum(torch.Tensor tensor) => Doubles(tensor).Select((v, i) => v * (i + 1)).Sum();

    /// <summary>PyTorch's name of the element type, as in str(tensor.dtype) without "torch.".</summary>
    public static string DtypeName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.Float64 => "float64",
        torch.ScalarType.Float16 => "float16",
        torch.ScalarType.BFloat16 => "bfloat16",
        torch.ScalarType.Int64 => "int64",
        torch.ScalarType.Int32 => "int32",
        torch.ScalarType.Int16 => "int16",
        torch.ScalarType.Int8 => "int8",
        torch.ScalarType.Byte => "uint8",
        torch.ScalarType.Bool => "bool",
        _ => type.ToString(),
    };
}
