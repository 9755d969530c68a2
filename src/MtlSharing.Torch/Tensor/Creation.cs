using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    private static readonly AtenOp ZerosOp = new("aten::zeros");
    private static readonly AtenOp OnesOp = new("aten::ones");
    private static readonly AtenOp FullOp = new("aten::full");
    private static readonly AtenOp EmptyOp = new("aten::empty", "memory_format");
    private static readonly AtenOp ArangeOp = new("aten::arange", "start_step");
    private static readonly AtenOp EyeOp = new("aten::eye");
    private static readonly AtenOp LinspaceOp = new("aten::linspace");

    /// <summary>A tensor of zeros.</summary>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor zeros(ReadOnlySpan<long> size, ScalarType? dtype = null, bool requires_grad = false) =>
        Sized(ZerosOp, size, dtype, requires_grad);

    /// <summary>A tensor of ones.</summary>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor ones(ReadOnlySpan<long> size, ScalarType? dtype = null, bool requires_grad = false) =>
        Sized(OnesOp, size, dtype, requires_grad);

    /// <summary>A tensor of uninitialised memory.</summary>
    /// <param name="size">The shape.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor empty(ReadOnlySpan<long> size, ScalarType? dtype = null, bool requires_grad = false)
    {
        var call = new OpCall();
        call.Ints(size);
        call.OptionalInt((long?)dtype);
        call.None();
        call.None();
        call.None();
        call.None();
        return RequiresGrad(call.InvokeTensor(EmptyOp), requires_grad);
    }

    /// <summary>A tensor filled with one value.</summary>
    /// <param name="size">The shape.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor full(ReadOnlySpan<long> size, double value, ScalarType? dtype = null, bool requires_grad = false)
    {
        var call = new OpCall();
        call.Ints(size);
        call.Double(value);
        call.Int((long)(dtype ?? ScalarType.Float32));
        call.None();
        call.None();
        call.None();
        return RequiresGrad(call.InvokeTensor(FullOp), requires_grad);
    }

    /// <summary>Values from start to end (exclusive) in steps.</summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The exclusive end.</param>
    /// <param name="step">The step.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>A one-dimensional tensor.</returns>
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, bool requires_grad = false)
    {
        var call = new OpCall();
        call.Double(start);
        call.Double(end);
        call.Double(step);
        call.Int((long)(dtype ?? ScalarType.Float32));
        call.None();
        call.None();
        call.None();
        return RequiresGrad(call.InvokeTensor(ArangeOp), requires_grad);
    }

    /// <summary>Integers 0 … end-1, as int64 unless another type is given.</summary>
    /// <param name="end">The exclusive end.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <returns>A one-dimensional tensor.</returns>
    public static Tensor arange(long end, ScalarType? dtype = null) => arange(0, end, 1, dtype);

    /// <summary>Integers from start to end (exclusive) in steps, as int64 unless another type is given (as torch.arange does for integer arguments).</summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The exclusive end.</param>
    /// <param name="step">The step.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <param name="requires_grad">Whether autograd records operations on it (floating-point types only).</param>
    /// <returns>A one-dimensional tensor.</returns>
    public static Tensor arange(long start, long end, long step = 1, ScalarType? dtype = null, bool requires_grad = false)
    {
        var call = new OpCall();
        call.Int(start);
        call.Int(end);
        call.Int(step);
        call.Int((long)(dtype ?? ScalarType.Int64));
        call.None();
        call.None();
        call.None();
        return RequiresGrad(call.InvokeTensor(ArangeOp), requires_grad);
    }

    /// <summary>Evenly spaced values from start to end inclusive.</summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The last value.</param>
    /// <param name="steps">The number of values.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <returns>A one-dimensional tensor.</returns>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null)
    {
        var call = new OpCall();
        call.Double(start);
        call.Double(end);
        call.Int(steps);
        call.OptionalInt((long?)dtype);
        call.None();
        call.None();
        call.None();
        return call.InvokeTensor(LinspaceOp);
    }

    /// <summary>An identity matrix.</summary>
    /// <param name="n">The number of rows and columns.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <returns>An n × n tensor.</returns>
    public static Tensor eye(long n, ScalarType? dtype = null)
    {
        var call = new OpCall();
        call.Int(n);
        call.OptionalInt((long?)dtype);
        call.None();
        call.None();
        call.None();
        return call.InvokeTensor(EyeOp);
    }

    /// <summary>A tensor of zeros with the shape and type of another.</summary>
    /// <param name="input">The template tensor.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor zeros_like(Tensor input) => zeros(input.shape, input.dtype);

    /// <summary>A tensor of ones with the shape and type of another.</summary>
    /// <param name="input">The template tensor.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor ones_like(Tensor input) => ones(input.shape, input.dtype);

    /// <summary>A tensor filled with one value, with the shape and type of another.</summary>
    /// <param name="input">The template tensor.</param>
    /// <param name="value">The fill value.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor full_like(Tensor input, double value) => full(input.shape, value, input.dtype);

    /// <summary>Copies .NET values into a new tensor of the given shape (one dimension by default).</summary>
    /// <typeparam name="T">float, double, long, int, short, sbyte, byte, bool or Half.</typeparam>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="dimensions">The shape; its product must equal the number of elements.</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> dimensions = default, bool requires_grad = false)
        where T : unmanaged
    {
        Span<long> oneDimension = [data.Length];
        var shape = dimensions.IsEmpty ? oneDimension : dimensions;

        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"dimensions must be non-negative; got [{string.Join(", ", shape.ToArray())}]", nameof(dimensions));
            }

            count *= d;
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] needs {count} elements but {data.Length} were given", nameof(dimensions));
        }

        IntPtr native;
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            NativeMethods.Check(NativeMethods.mts_tensor_from_data(p, s, shape.Length, (int)ScalarTypeOf<T>(), out native));
        }

        return RequiresGrad(new Tensor(native), requires_grad);
    }

    /// <summary>Copies a .NET array into a new tensor of the given shape (one dimension by default).</summary>
    /// <typeparam name="T">float, double, long, int, short, sbyte, byte, bool or Half.</typeparam>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="dimensions">The shape; its product must equal the number of elements.</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new tensor.</returns>
    /// <remarks>Preferred over the span overload, so <c>tensor(new float[] { … }, [2, 2])</c> is not ambiguous.</remarks>
    [OverloadResolutionPriority(1)]
    public static Tensor tensor<T>(T[] data, long[]? dimensions = null, bool requires_grad = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return tensor<T>(data.AsSpan(), dimensions, requires_grad);
    }

    /// <summary>A zero-dimensional tensor holding one value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="requires_grad">Whether autograd records operations on it.</param>
    /// <returns>The new scalar tensor.</returns>
    public static Tensor scalar_tensor(double value, ScalarType dtype = ScalarType.Float32, bool requires_grad = false) =>
        full([], value, dtype, requires_grad);

    /// <summary>Copies a rectangular .NET array (such as float[,]) into a tensor of the same shape.</summary>
    /// <param name="rawArray">An array of float, double, long, int, short, sbyte, byte or bool.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor from_array(Array rawArray)
    {
        ArgumentNullException.ThrowIfNull(rawArray);
        var shape = new long[rawArray.Rank];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = rawArray.GetLength(i);
        }

        return rawArray.GetType().GetElementType() switch
        {
            var t when t == typeof(float) => FromArray<float>(rawArray, shape),
            var t when t == typeof(double) => FromArray<double>(rawArray, shape),
            var t when t == typeof(long) => FromArray<long>(rawArray, shape),
            var t when t == typeof(int) => FromArray<int>(rawArray, shape),
            var t when t == typeof(short) => FromArray<short>(rawArray, shape),
            var t when t == typeof(sbyte) => FromArray<sbyte>(rawArray, shape),
            var t when t == typeof(byte) => FromArray<byte>(rawArray, shape),
            var t when t == typeof(bool) => FromArray<bool>(rawArray, shape),
            var t => throw new NotSupportedException($"arrays of {t?.Name} cannot become tensors; use float, double, long, int, short, sbyte, byte or bool"),
        };
    }

    private static Tensor FromArray<T>(Array array, long[] shape)
        where T : unmanaged
    {
        ref var first = ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array));
        return tensor<T>(MemoryMarshal.CreateReadOnlySpan(ref first, array.Length), shape);
    }

    private static Tensor Sized(AtenOp op, ReadOnlySpan<long> size, ScalarType? dtype, bool requiresGrad)
    {
        var call = new OpCall();
        call.Ints(size);
        call.OptionalInt((long?)dtype);
        call.None();
        call.None();
        call.None();
        return RequiresGrad(call.InvokeTensor(op), requiresGrad);
    }

    private static Tensor RequiresGrad(Tensor tensor, bool requiresGrad)
    {
        if (requiresGrad)
        {
            tensor.requires_grad = true;
        }

        return tensor;
    }
}
