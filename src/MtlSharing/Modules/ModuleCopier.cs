using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Modules;

/// <summary>
/// Deep copies of TorchSharp modules (<see cref="ModuleTree.DeepCopy{T}"/>): each module object is
/// copied field by field, given its own native handle and registration tables, its parameters and
/// buffers are cloned, and then every copied module's fields are re-pointed from the original's
/// components to the copy's. A component reached twice is copied once and stays shared in the copy.
/// </summary>
internal static class ModuleCopier
{
    private const string Operation = "copying a module";

    public static nn.Module Copy(nn.Module module)
    {
        var clones = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
        var pairs = new List<(nn.Module Original, nn.Module Copy)>();
        nn.Module copy;
        using (no_grad())
        {
            copy = CopyTree(module, clones, pairs);
        }

        try
        {
            var actions = pairs.SelectMany(p => FieldReferences.Plan(p.Copy, o => clones.GetValueOrDefault(o), copyCollections: true, Operation)).ToList();
            actions.ForEach(a => a());
            foreach (var (original, copied) in pairs)
            {
                copied.train(original.training);
            }
        }
        catch
        {
            // The copies' fields may still point at the original's tensors, so Dispose (which
            // modules override to dispose their fields) must not run; free only what was made.
            foreach (var made in clones.Values)
            {
                if (made is Tensor tensor)
                {
                    tensor.Dispose();
                }
                else
                {
                    TorchSharpInternals.ReleaseHandle((nn.Module)made);
                }
            }

            throw;
        }

        return copy;
    }

    private static nn.Module CopyTree(nn.Module module, Dictionary<object, object> clones, List<(nn.Module, nn.Module)> pairs)
    {
        if (clones.TryGetValue(module, out var done))
        {
            return (nn.Module)done;
        }

        var copy = TorchSharpInternals.MemberwiseCopy(module);
        TorchSharpInternals.Detach(copy);
        clones[module] = copy;
        pairs.Add((module, copy));

        var parameters = TorchSharpInternals.RegisteredParameters(copy);
        foreach (var (name, parameter) in TorchSharpInternals.RegisteredParameters(module))
        {
            parameters.Add(name, (TorchSharp.Modules.Parameter)CopyTensor(parameter, clones));
        }

        var buffers = TorchSharpInternals.RegisteredBuffers(copy);
        foreach (var (name, (buffer, persistent)) in TorchSharpInternals.RegisteredBuffers(module))
        {
            buffers.Add(name, (CopyTensor(buffer, clones), persistent));
        }

        var children = TorchSharpInternals.RegisteredChildren(copy);
        foreach (var (name, child) in TorchSharpInternals.RegisteredChildren(module))
        {
            children.Add(name, CopyTree(child, clones, pairs));
        }

        foreach (var (_, child) in module.named_children())
        {
            CopyTree(child, clones, pairs);
        }

        return copy;
    }

    private static Tensor CopyTensor(Tensor tensor, Dictionary<object, object> clones)
    {
        if (clones.TryGetValue(tensor, out var done))
        {
            return (Tensor)done;
        }

        var data = tensor.detach().clone().DetachFromDisposeScope();
        var copy = tensor is TorchSharp.Modules.Parameter parameter ? new TorchSharp.Modules.Parameter(data, parameter.requires_grad) : data.requires_grad_(tensor.requires_grad);
        clones[tensor] = copy;
        return copy;
    }
}
