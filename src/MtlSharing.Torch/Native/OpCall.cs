using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Native;

/// <summary>
/// Builds the argument list of one operator call on the caller's stack and runs it through the
/// dispatcher in a single native transition. Use it as a local: <c>var call = new OpCall();</c>,
/// add arguments in schema order, then invoke. Nothing is allocated on the managed heap unless the
/// lists and strings of one call outgrow the inline scratch space.
/// </summary>
internal unsafe ref struct OpCall
{
    private const int MaxResults = 8;
    private const int MaxStackResults = 64;

    private ArgBuffer args;
    private ScratchBuffer scratch;

    // The managed object behind each argument (a tensor or a list of tensors), kept reachable
    // here until the native call returns; extraKeep holds the pinned arrays of oversized lists.
    private KeepBuffer keep;
    private int argCount;
    private int scratchCount;
    private uint scratchArgs;
    private List<long[]>? extraKeep;

    public OpCall()
    {
    }

    public void Tensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var handle = tensor.Handle;
        Next(ArgKind.Tensor, tensor).Pointer = handle;
    }

    public void OptionalTensor(Tensor? tensor)
    {
        if (tensor is null)
        {
            None();
        }
        else
        {
            Tensor(tensor);
        }
    }

    public void Int(long value) => Next(ArgKind.Int, null).Int = value;

    public void OptionalInt(long? value)
    {
        if (value is { } v)
        {
            Int(v);
        }
        else
        {
            None();
        }
    }

    public void Double(double value) => Next(ArgKind.Double, null).Double = value;

    public void OptionalDouble(double? value)
    {
        if (value is { } v)
        {
            Double(v);
        }
        else
        {
            None();
        }
    }

    public void Bool(bool value) => Next(ArgKind.Bool, null).Int = value ? 1 : 0;

    public void None() => Next(ArgKind.None, null).Int = 0;

    public void Ints(ReadOnlySpan<long> values)
    {
        var target = List(ArgKind.IntList, values.Length, null);
        values.CopyTo(target);
    }

    public void Doubles(ReadOnlySpan<double> values)
    {
        var target = List(ArgKind.DoubleList, values.Length, null);
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }
    }

    public void String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var byteCount = System.Text.Encoding.UTF8.GetByteCount(value);
        var words = List(ArgKind.String, (byteCount / sizeof(long)) + 1, null);
        var bytes = MemoryMarshal.AsBytes(words);
        System.Text.Encoding.UTF8.GetBytes(value, bytes);
        bytes[byteCount..].Clear();
    }

    public void Tensors(IReadOnlyList<Tensor> tensors) => TensorList(tensors, ArgKind.TensorList);

    public void OptionalTensors(IReadOnlyList<Tensor?> tensors) => TensorList(tensors, ArgKind.OptionalTensorList);

    /// <summary>Runs the operator and returns its single tensor result.</summary>
    public Tensor InvokeTensor(AtenOp op)
    {
        var results = stackalloc NativeArg[MaxResults];
        var count = Run(op, results, MaxResults);
        for (var i = 1; i < count; i++)
        {
            Release(results[i]);
        }

        if (count == 0 || results[0].Kind != ArgKind.Tensor)
        {
            ReleaseAll(results, Math.Min(count, 1));
            throw new TorchException($"{op} returned no tensor");
        }

        return new Tensor(results[0].Pointer);
    }

    /// <summary>Runs the operator and returns its first two tensor results.</summary>
    public (Tensor First, Tensor Second) InvokePair(AtenOp op)
    {
        var results = stackalloc NativeArg[MaxResults];
        var count = Run(op, results, MaxResults);
        for (var i = 2; i < count; i++)
        {
            Release(results[i]);
        }

        if (count < 2 || results[0].Kind != ArgKind.Tensor || results[1].Kind != ArgKind.Tensor)
        {
            ReleaseAll(results, Math.Min(count, 2));
            throw new TorchException($"{op} did not return two tensors");
        }

        return (new Tensor(results[0].Pointer), new Tensor(results[1].Pointer));
    }

    /// <summary>Runs the operator and returns all its tensor results (tuples and lists flattened).</summary>
    public Tensor[] InvokeTensors(AtenOp op, int capacity)
    {
        capacity = Math.Max(capacity, 1);
        var heap = capacity > MaxStackResults ? new NativeArg[capacity] : null;
        var stack = stackalloc NativeArg[heap is null ? capacity : 0];
        fixed (NativeArg* pinned = heap)
        {
            var results = heap is null ? stack : pinned;
            var count = Run(op, results, capacity);
            for (var i = 0; i < count; i++)
            {
                if (results[i].Kind != ArgKind.Tensor)
                {
                    ReleaseAll(results, count);
                    throw new TorchException($"{op} returned a {results[i].Kind} where a tensor was expected");
                }
            }

            var tensors = new Tensor[count];
            for (var i = 0; i < count; i++)
            {
                tensors[i] = new Tensor(results[i].Pointer);
            }

            return tensors;
        }
    }

    /// <summary>Runs an operator whose results are not needed (in-place operators return self).</summary>
    public void Invoke(AtenOp op) => Run(op, null, 0);

    /// <summary>Runs the operator and returns its single floating-point or integer result.</summary>
    public double InvokeNumber(AtenOp op)
    {
        var results = stackalloc NativeArg[MaxResults];
        var count = Run(op, results, MaxResults);
        ReleaseAll(results, count);
        return count == 0 ? throw new TorchException($"{op} returned nothing") : results[0].Kind switch
        {
            ArgKind.Double => results[0].Double,
            ArgKind.Int or ArgKind.Bool => results[0].Int,
            _ => throw new TorchException($"{op} did not return a number"),
        };
    }

    /// <summary>
    /// Points list arguments at their inline storage, calls the operator, and keeps every argument's
    /// managed owner reachable until libtorch has returned. A zero capacity discards the results.
    /// </summary>
    private int Run(AtenOp op, NativeArg* results, int capacity)
    {
        var basePointer = (long*)Unsafe.AsPointer(ref scratch[0]);
        for (var pending = scratchArgs; pending != 0; pending &= pending - 1)
        {
            var i = BitOperations.TrailingZeroCount(pending);
            args[i].Pointer = (IntPtr)(basePointer + args[i].Int);
        }

        var status = NativeMethods.mts_op_call(op.Handle, (NativeArg*)Unsafe.AsPointer(ref args[0]), argCount, results, capacity, out var count);
        for (var i = 0; i < argCount; i++)
        {
            GC.KeepAlive(keep[i]);
        }

        GC.KeepAlive(extraKeep);
        NativeMethods.Check(status);
        return count;
    }

    private void TensorList<T>(IReadOnlyList<T> tensors, ArgKind kind)
        where T : Tensor?
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var target = List(kind, tensors.Count, tensors);
        for (var i = 0; i < target.Length; i++)
        {
            var tensor = tensors[i];
            if (tensor is null)
            {
                if (kind == ArgKind.TensorList)
                {
                    throw new ArgumentNullException(nameof(tensors), $"the tensor list holds null at position {i}");
                }

                target[i] = 0;
            }
            else
            {
                target[i] = tensor.Handle;
            }
        }
    }

    [UnscopedRef]
    private ref NativeArg Next(ArgKind kind, object? owner)
    {
        if (argCount == ArgBuffer.Length)
        {
            throw new InvalidOperationException($"an operator call takes at most {ArgBuffer.Length} arguments");
        }

        keep[argCount] = owner;
        ref var arg = ref args[argCount++];
        arg.Kind = kind;
        arg.Count = 0;
        return ref arg;
    }

    /// <summary>Adds a list (or string) argument and returns its storage: the inline scratch when it fits, else a pinned array.</summary>
    [UnscopedRef]
    private Span<long> List(ArgKind kind, int length, object? owner)
    {
        var index = argCount;
        ref var arg = ref Next(kind, owner);
        arg.Count = length;
        if (scratchCount + length > ScratchBuffer.Length)
        {
            var overflow = GC.AllocateUninitializedArray<long>(Math.Max(length, 1), pinned: true);
            (extraKeep ??= []).Add(overflow);
            arg.Pointer = (IntPtr)Unsafe.AsPointer(ref overflow[0]);
            return overflow.AsSpan(0, length);
        }

        arg.Int = scratchCount;
        scratchArgs |= 1u << index;
        var span = ((Span<long>)scratch).Slice(scratchCount, length);
        scratchCount += length;
        return span;
    }

    private static void ReleaseAll(NativeArg* results, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Release(results[i]);
        }
    }

    private static void Release(in NativeArg result)
    {
        if (result.Kind == ArgKind.Tensor)
        {
            NativeMethods.mts_tensor_free(result.Pointer);
        }
    }

    [InlineArray(Length)]
    private struct ArgBuffer
    {
        public const int Length = 16;
        private NativeArg element;
    }

    [InlineArray(Length)]
    private struct ScratchBuffer
    {
        public const int Length = 32;
        private long element;
    }

    [InlineArray(ArgBuffer.Length)]
    private struct KeepBuffer
    {
        private object? element;
    }
}
