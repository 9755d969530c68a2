using MtlSharing.Torch.Native;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Serialization;

/// <summary>
/// The Python functions and classes a pickled state dict calls while it is read:
/// collections.OrderedDict and PyTorch's tensor-rebuilding helpers. Anything else is refused,
/// so a checkpoint can never ask for arbitrary code.
/// </summary>
internal static class TorchGlobals
{
    private static readonly AtenOp AsStridedOp = new("aten::as_strided");

    /// <summary>Runs <paramref name="callable"/> on <paramref name="args"/>.</summary>
    public static object? Call(PickleGlobal callable, object?[] args) => (callable.Module, callable.Name) switch
    {
        ("collections", "OrderedDict") when args.Length == 0 => new OrderedDictionary<object, object?>(),
        ("torch._utils", "_rebuild_tensor_v2") => RebuildTensor(args, minArgs: 6),
        ("torch._utils", "_rebuild_tensor") => RebuildTensor(args, minArgs: 4),
        ("torch._utils", "_rebuild_parameter" or "_rebuild_parameter_with_state") => RebuildParameter(args),
        ("torch.jit._pickle", "restore_type_tag") when args.Length == 2 => args[0],
        ("torch._tensor", "_rebuild_from_type_v2") when args is [PickleGlobal f, _, object?[] a, ..] => Call(f, a),
        _ => throw new InvalidDataException($"the checkpoint calls the Python object {callable}, which a state dict does not use; only tensors, numbers and (nested) dicts can be loaded"),
    };

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private static Tensor RebuildTensor(object?[] args, int minArgs)
    {
        if (args.Length < minArgs || args[0] is not Tensor storage || args[1] is not long offset ||
            args[2] is not object?[] sizeItems || args[3] is not object?[] strideItems)
        {
            throw new InvalidDataException("a tensor is pickled with arguments other than (storage, offset, size, stride, ...)");
        }

        var size = Longs(sizeItems, "size");
        var stride = Longs(strideItems, "stride");
        CheckBounds(storage.numel(), offset, size, stride);
        var call = new OpCall();
        call.Tensor(storage);
        call.Ints(size);
        call.Ints(stride);
        call.Int(offset);
        var tensor = call.InvokeTensor(AsStridedOp);
        return args.Length > 4 && args[4] is true ? tensor.requires_grad_() : tensor;
    }

    // _rebuild_parameter(data, requires_grad, backward_hooks[, state])
    private static Tensor RebuildParameter(object?[] args) =>
        args is [Tensor data, bool requiresGrad, ..]
            ? data.requires_grad_(requiresGrad)
            : throw new InvalidDataException("a parameter is pickled with arguments other than (data, requires_grad, ...)");

    private static long[] Longs(object?[] items, string what)
    {
        var values = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i] is long v && v >= 0 ? v : throw new InvalidDataException($"a tensor's {what} holds {items[i] ?? "None"}, not a non-negative integer");
        }

        return values;
    }

    private static void CheckBounds(long storageNumel, long offset, long[] size, long[] stride)
    {
        if (size.Length != stride.Length)
        {
            throw new InvalidDataException($"a tensor has {size.Length} sizes but {stride.Length} strides");
        }

        if (size.Contains(0))
        {
            return;
        }

        var last = offset;
        try
        {
            for (var d = 0; d < size.Length; d++)
            {
                last = checked(last + ((size[d] - 1) * stride[d]));
            }
        }
        catch (OverflowException)
        {
            last = long.MaxValue;
        }

        if (offset < 0 || last >= storageNumel)
        {
            throw new InvalidDataException($"a tensor of shape [{string.Join(", ", size)}] at offset {offset} reaches element {last} of a storage holding {storageNumel}");
        }
    }
}
