using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Distributed;

/// <summary>
/// A contiguous CPU tensor's elements as a span over libtorch's own memory, so collectives read
/// and write it without copies. TorchSharp 0.107 exposes the data pointer only inside its
/// <c>TensorAccessor</c>; this is the one place that reads it (looked up once, with a clear error
/// if a TorchSharp version renames it).
/// </summary>
internal static class TensorMemory
{
    private static readonly FieldInfo FloatPointer = PointerField<float>();
    private static readonly FieldInfo DoublePointer = PointerField<double>();

    /// <summary>Throws unless the tensor is a contiguous CPU tensor of float32 or float64.</summary>
    public static void RequireCollectable(Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.device_type != DeviceType.CPU || tensor.dtype is not (ScalarType.Float32 or ScalarType.Float64) || !tensor.is_contiguous())
        {
            throw new ArgumentException($"collectives take contiguous CPU tensors of float32 or float64; got {tensor.dtype} on {tensor.device}{(tensor.is_contiguous() ? string.Empty : ", not contiguous")}", name);
        }
    }

    /// <summary>The elements, as a span over the tensor's memory; valid while the tensor lives.</summary>
    public static unsafe Span<T> Span<T>(Tensor tensor) where T : unmanaged =>
        new((void*)Pointer<T>(tensor), checked((int)tensor.numel()));

    /// <summary>The elements' bytes, as a span over the tensor's memory.</summary>
    public static unsafe Span<byte> Bytes(Tensor tensor) => tensor.dtype == ScalarType.Float32
        ? new((void*)Pointer<float>(tensor), checked((int)(tensor.numel() * sizeof(float))))
        : new((void*)Pointer<double>(tensor), checked((int)(tensor.numel() * sizeof(double))));

    private static nint Pointer<T>(Tensor tensor) where T : unmanaged
    {
        using var accessor = tensor.data<T>();
        return (nint)(typeof(T) == typeof(float) ? FloatPointer : DoublePointer).GetValue(accessor)!;
    }

    private static FieldInfo PointerField<T>() where T : unmanaged =>
        typeof(TorchSharp.Utils.TensorAccessor<T>).GetField("_tensor_data_ptr", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new MissingFieldException("TorchSharp's TensorAccessor has no _tensor_data_ptr; MtlSharing.Distributed needs TorchSharp 0.107");
}
