using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Native;

/// <summary>
/// Builds the argument list of one operator call on the caller's stack and runs it through the
/// dispatcher in a single native transition. Use it as a local: <c>var call = new OpCall();</c>,
/// add arguments in schema order, then invoke.
/// </summary>
internal unsafe ref struct OpCall
{
    private const int MaxResults = 8;

    private ArgBuffer args;
    private ScratchBuffer scratch;
    private int argCount;
    private int scratchCount;
    private ulong scratchArgs;
    private List<Array>? pinnedOverflow;
    private readonly int keepAliveMark;

    public OpCall()
    {
        keepAliveMark = KeepAlive.Mark;
    }

    public void Tensor(Tensor tensor)
    {
        ref var arg = ref Next(ArgKind.Tensor);
        arg.Pointer = tensor.Handle;
        KeepAlive.Push(tensor);
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

    public void Int(long value) => Next(ArgKind.Int).Int = value;

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

    public void Double(double value) => Next(ArgKind.Double).Double = value;

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

    public void Bool(bool value) => Next(ArgKind.Bool).Int = value ? 1 : 0;

    public void None() => Next(ArgKind.None).Int = 0;

    public void Ints(ReadOnlySpan<long> values)
    {
        var index = argCount;
        ref var arg = ref Next(ArgKind.IntList);
        arg.Count = values.Length;
        values.CopyTo(Reserve(values.Length, index));
    }

    public void Doubles(ReadOnlySpan<double> values)
    {
        var index = argCount;
        ref var arg = ref Next(ArgKind.DoubleList);
        arg.Count = values.Length;
        var target = Reserve(values.Length, index);
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }
    }

    public void String(string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value + "\0");
        var pinned = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
        bytes.CopyTo(pinned, 0);
        (pinnedOverflow ??= []).Add(pinned);
        Next(ArgKind.String).Pointer = (IntPtr)Unsafe.AsPointer(ref pinned[0]);
    }

    public void Tensors(IReadOnlyList<Tensor> tensors) => TensorList(tensors, ArgKind.TensorList);

    public void OptionalTensors(IReadOnlyList<Tensor?> tensors) => TensorList(tensors, ArgKind.OptionalTensorList);

    /// <summary>Runs the operator and returns its single tensor result.</summary>
    public Tensor InvokeTensor(AtenOp op)
    {
        Span<NativeArg> results = stackalloc NativeArg[MaxResults];
        var count = Run(op, results);
        for (var i = 1; i < count; i++)
        {
            Release(results[i]);
        }

        return Wrap(results[0]) ?? throw new TorchException($"{op} returned no tensor");
    }

    /// <summary>Runs the operator and returns its first two tensor results.</summary>
    public (Tensor First, Tensor Second) InvokePair(AtenOp op)
    {
        Span<NativeArg> results = stackalloc NativeArg[MaxResults];
        var count = Run(op, results);
        return (Wrap(results[0])!, Wrap(results[1])!);
    }

    /// <summary>Runs the operator and returns all its tensor results (tuples and lists flattened).</summary>
    public Tensor[] InvokeTensors(AtenOp op, int capacity)
    {
        var results = new NativeArg[Math.Max(capacity, 1)];
        fixed (NativeArg* p = results)
        {
            var count = Run(op, new Span<NativeArg>(p, results.Length));
            var tensors = new Tensor[count];
            for (var i = 0; i < count; i++)
            {
                tensors[i] = Wrap(results[i])!;
            }

            return tensors;
        }
    }

    /// <summary>Runs an operator whose results are not needed (in-place operators return self).</summary>
    public void Invoke(AtenOp op)
    {
        Span<NativeArg> results = stackalloc NativeArg[MaxResults];
        var count = Run(op, results);
        for (var i = 0; i < count; i++)
        {
            Release(results[i]);
        }
    }

    /// <summary>Runs the operator and returns its single floating-point or integer result.</summary>
    public double InvokeNumber(AtenOp op)
    {
        Span<NativeArg> results = stackalloc NativeArg[MaxResults];
        Run(op, results);
        return results[0].Kind switch
        {
            ArgKind.Double => results[0].Double,
            ArgKind.Int or ArgKind.Bool => results[0].Int,
            _ => throw new TorchException($"{op} did not return a number"),
        };
    }

    private int Run(AtenOp op, scoped Span<NativeArg> results)
    {
        try
        {
            var basePointer = (long*)Unsafe.AsPointer(ref scratch[0]);
            for (var i = 0; i < argCount; i++)
            {
                if ((scratchArgs & (1UL << i)) != 0)
                {
                    args[i].Pointer = (IntPtr)(basePointer + args[i].Int);
                }
            }

            int count;
            fixed (NativeArg* r = results)
            {
                var status = NativeMethods.mts_op_call(op.Handle, (NativeArg*)Unsafe.AsPointer(ref args[0]), argCount, r, results.Length, out count);
                NativeMethods.Check(status);
            }

            return count;
        }
        finally
        {
            KeepAlive.Truncate(keepAliveMark);
            GC.KeepAlive(pinnedOverflow);
        }
    }

    private void TensorList<T>(IReadOnlyList<T> tensors, ArgKind kind)
        where T : Tensor?
    {
        var index = argCount;
        ref var arg = ref Next(kind);
        arg.Count = tensors.Count;
        var target = Reserve(tensors.Count, index);
        for (var i = 0; i < tensors.Count; i++)
        {
            var tensor = tensors[i];
            if (tensor is null)
            {
                target[i] = 0;
            }
            else
            {
                target[i] = tensor.Handle;
                KeepAlive.Push(tensor);
            }
        }
    }

    [UnscopedRef]
    private ref NativeArg Next(ArgKind kind)
    {
        if (argCount == ArgBuffer.Length)
        {
            throw new InvalidOperationException($"an operator call takes at most {ArgBuffer.Length} arguments");
        }

        ref var arg = ref args[argCount++];
        arg.Kind = kind;
        arg.Count = 0;
        return ref arg;
    }

    /// <summary>Reserves list storage: in the inline scratch when it fits, else in a pinned array.</summary>
    [UnscopedRef]
    private Span<long> Reserve(int length, int argIndex)
    {
        ref var arg = ref args[argIndex];
        if (scratchCount + length > ScratchBuffer.Length)
        {
            var overflow = GC.AllocateUninitializedArray<long>(length, pinned: true);
            (pinnedOverflow ??= []).Add(overflow);
            arg.Pointer = (IntPtr)Unsafe.AsPointer(ref overflow[0]);
            return overflow;
        }

        var offset = scratchCount;
        arg.Int = offset;
        scratchCount += length;
        scratchArgs |= 1UL << argIndex;
        return ((Span<long>)scratch).Slice(offset, length);
    }

    private static Tensor? Wrap(in NativeArg result) =>
        result.Kind == ArgKind.Tensor ? new Tensor(result.Pointer) : null;

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
        public const int Length = 64;
        private long element;
    }
}
