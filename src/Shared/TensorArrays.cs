using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing;

/// <summary>
/// Copies a tensor's elements into a .NET array. TorchSharp's <c>data&lt;T&gt;()</c> needs a
/// contiguous CPU tensor of exactly the element type asked for; this converts first, so views,
/// other dtypes and other devices work too. Compiled into each library that reads tensors back
/// (linked source, internal), since the libraries do not share an internal helper assembly.
/// </summary>
internal static class TensorArrays
{
    /// <summary>The elements in row-major order, converted to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">long, int, byte, bool, float or double.</typeparam>
    /// <param name="tensor">The tensor; left unchanged.</param>
    /// <returns>A new array.</returns>
    public static T[] ToArrayOf<T>(this Tensor tensor) where T : unmanaged
    {
        if (tensor.numel() == 0)
        {
            // TorchSharp's accessor fails on an empty tensor instead of giving an empty array.
            return [];
        }

        using var detached = tensor.detach();
        using var cpu = detached.cpu();
        using var typed = cpu.to(TypeOf<T>());
        using var contiguous = typed.contiguous();
        return contiguous.data<T>().ToArray();
    }

    private static ScalarType TypeOf<T>() => Type.GetTypeCode(typeof(T)) switch
    {
        TypeCode.Int64 => ScalarType.Int64,
        TypeCode.Int32 => ScalarType.Int32,
        TypeCode.Byte => ScalarType.Byte,
        TypeCode.Boolean => ScalarType.Bool,
        TypeCode.Single => ScalarType.Float32,
        TypeCode.Double => ScalarType.Float64,
        _ => throw new NotSupportedException($"cannot read a tensor into {typeof(T).Name}[]; use long, int, byte, bool, float or double"),
    };
}
