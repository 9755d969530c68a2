using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    private static readonly AtenOp RandnOp = new("aten::randn");
    private static readonly AtenOp RandOp = new("aten::rand");
    private static readonly AtenOp RandintOp = new("aten::randint", "low");
    private static readonly AtenOp RandpermOp = new("aten::randperm");

    /// <summary>Samples from the standard normal distribution.</summary>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor randn(ReadOnlySpan<long> size, ScalarType? dtype = null, bool requires_grad = false) =>
        Sized(RandnOp, size, dtype, requires_grad);

    /// <summary>Samples uniformly from [0, 1).</summary>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor rand(ReadOnlySpan<long> size, ScalarType? dtype = null, bool requires_grad = false) =>
        Sized(RandOp, size, dtype, requires_grad);

    /// <summary>Integers drawn uniformly from [low, high).</summary>
    /// <param name="low">The inclusive lower bound.</param>
    /// <param name="high">The exclusive upper bound.</param>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <returns>The new tensor.</returns>
    public static Tensor randint(long low, long high, ReadOnlySpan<long> size, ScalarType? dtype = null)
    {
        var call = new OpCall();
        call.Int(low);
        call.Int(high);
        call.Ints(size);
        call.Int((long)(dtype ?? ScalarType.Int64));
        call.None();
        call.None();
        call.None();
        return call.InvokeTensor(RandintOp);
    }

    /// <summary>Integers drawn uniformly from [0, high).</summary>
    /// <param name="high">The exclusive upper bound.</param>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <returns>The new tensor.</returns>
    public static Tensor randint(long high, ReadOnlySpan<long> size, ScalarType? dtype = null) => randint(0, high, size, dtype);

    /// <summary>A random permutation of 0 … n-1.</summary>
    /// <param name="n">The number of elements.</param>
    /// <returns>An int64 tensor of length n.</returns>
    public static Tensor randperm(long n)
    {
        var call = new OpCall();
        call.Int(n);
        call.Int((long)ScalarType.Int64);
        call.None();
        call.None();
        call.None();
        return call.InvokeTensor(RandpermOp);
    }

    /// <summary>Standard normal samples with the shape and type of another tensor.</summary>
    /// <param name="input">The template tensor.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor randn_like(Tensor input) => randn(input.shape, input.dtype);

    /// <summary>Uniform [0, 1) samples with the shape and type of another tensor.</summary>
    /// <param name="input">The template tensor.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor rand_like(Tensor input) => rand(input.shape, input.dtype);
}
