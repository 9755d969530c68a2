using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>Comparisons the examples' assertions need and TorchSharp words differently.</summary>
internal static class TensorChecks
{
    /// <summary>
    /// Whether two tensors have the same shape, element type and elements, as PyTorch's
    /// <c>torch.equal</c> (TorchSharp's <c>equal</c> compares element-wise and returns a tensor).
    /// </summary>
    /// <param name="tensor">One tensor.</param>
    /// <param name="other">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool SameAs(this Tensor tensor, Tensor other)
    {
        if (!tensor.shape.SequenceEqual(other.shape) || tensor.dtype != other.dtype)
        {
            return false;
        }

        using var equal = tensor.eq(other);
        using var all = equal.all();
        return all.item<bool>();
    }

    /// <summary>The elements of an int64 tensor.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <returns>A new array.</returns>
    public static long[] Longs(this Tensor tensor)
    {
        using var contiguous = tensor.to(ScalarType.Int64).contiguous();
        return contiguous.data<long>().ToArray();
    }
}
