using TorchSharp;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// The Python functions and classes a pickled tensor or state dict calls while it is read:
/// collections.OrderedDict and PyTorch's tensor-rebuilding helpers. Anything else is refused, so
/// a file can never ask for arbitrary code.
/// </summary>
internal static class TorchGlobals
{
    /// <summary>Runs <paramref name="callable"/> on <paramref name="args"/>.</summary>
    public static object? Call(PickleGlobal callable, object?[] args) => (callable.Module, callable.Name) switch
    {
        ("collections", "OrderedDict") => NewOrderedDict(args),
        ("torch._utils", "_rebuild_tensor_v2") => RebuildTensor(args, minArgs: 6),
        ("torch._utils", "_rebuild_tensor") => RebuildTensor(args, minArgs: 4),
        ("torch._utils", "_rebuild_parameter" or "_rebuild_parameter_with_state") => RebuildParameter(args),
        ("torch.jit._pickle", "restore_type_tag") when args.Length == 2 => args[0],
        ("torch._tensor", "_rebuild_from_type_v2") when args is [PickleGlobal f, _, object?[] a, ..] => Call(f, a),
        _ => throw new InvalidDataException($"the pickle calls the Python object {callable}, which a saved tensor or state dict does not use; only tensors and dicts of tensors can be loaded"),
    };

    // OrderedDict() or OrderedDict(pairs), as PyBridge writes it (with an empty tuple).
    private static OrderedDictionary<object, object?> NewOrderedDict(object?[] args)
    {
        var dict = new OrderedDictionary<object, object?>();
        if (args.Length == 0)
        {
            return dict;
        }

        if (args.Length > 1 || args[0] is not System.Collections.IList pairs)
        {
            throw new InvalidDataException($"collections.OrderedDict is called with {args.Length} arguments other than one list of pairs");
        }

        foreach (var pair in pairs)
        {
            if (pair is not object?[] { Length: 2 } kv || kv[0] is null)
            {
                throw new InvalidDataException("collections.OrderedDict is given an item that is not a (key, value) pair");
            }

            dict[kv[0]!] = kv[1];
        }

        return dict;
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private static torch.Tensor RebuildTensor(object?[] args, int minArgs)
    {
        if (args.Length < minArgs || args[0] is not torch.Tensor storage || args[1] is not long offset ||
            args[2] is not object?[] sizeItems || args[3] is not object?[] strideItems)
        {
            throw new InvalidDataException("a tensor is pickled with arguments other than (storage, offset, size, stride, ...)");
        }

        var size = Longs(sizeItems, "size");
        var stride = Longs(strideItems, "stride");
        CheckBounds(storage.numel(), offset, size, stride);
        var tensor = storage.as_strided(size, stride, offset);
        return args.Length > 4 && args[4] is true ? tensor.requires_grad_() : tensor;
    }

    // _rebuild_parameter(data, requires_grad, backward_hooks[, state])
    private static torch.Tensor RebuildParameter(object?[] args) =>
        args is [torch.Tensor data, bool requiresGrad, ..]
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

        if (offset < 0)
        {
            throw new InvalidDataException($"a tensor starts at the negative storage offset {offset}");
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

        if (last >= storageNumel)
        {
            throw new InvalidDataException($"a tensor of shape [{string.Join(", ", size)}] at offset {offset} reaches element {last} of a storage holding {storageNumel}");
        }
    }
}
