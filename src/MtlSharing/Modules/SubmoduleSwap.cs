using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Modules;

/// <summary>
/// Plans replacing one module of a tree: the parent's registration entry and every field in the
/// tree that holds the old module. Checks everything before returning the action that makes the
/// change, so a refusal leaves the tree as it was.
/// </summary>
internal static class SubmoduleSwap
{
    private const string Operation = "replacing a submodule";

    public static Action Plan(nn.Module root, nn.Module parent, string path, string childName, nn.Module old, nn.Module replacement)
    {
        var places = Places(root, old).ToList();
        if (places.Count > 1)
        {
            throw new InvalidOperationException(
                $"cannot replace '{path}': the same {old.GetName()} is also registered as '{places.First(p => p != path)}', so it is one module held twice; " +
                "replacing it at one path would leave the other using the old one. Give each place its own module");
        }

        Func<object, object?> swap = o => ReferenceEquals(o, old) ? replacement : null;
        var actions = new List<Action>();
        try
        {
            foreach (var (_, module) in root.NamedModulesDepthFirst())
            {
                actions.AddRange(FieldReferences.Plan(module, swap, copyCollections: false, Operation));
            }
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            throw new InvalidOperationException($"cannot replace '{path}': {e.Message}", e);
        }

        var registered = TorchSharpInternals.RegisteredChildren(parent);
        var inRegistry = registered.TryGetValue(childName, out var entry) && ReferenceEquals(entry, old);
        if (!inRegistry && actions.Count == 0)
        {
            throw new InvalidOperationException(
                $"cannot replace '{path}': {TypeNames.Of(parent.GetType())} lists it as a child but neither registers it nor holds it in a field, so there is nothing to re-point");
        }

        return () =>
        {
            TorchSharpInternals.RegisterComponents(replacement);
            if (inRegistry)
            {
                registered[childName] = replacement;
            }

            actions.ForEach(a => a());
        };
    }

    /// <summary>Every path at which the module is a child, following every edge of the tree once.</summary>
    private static IEnumerable<string> Places(nn.Module root, nn.Module wanted)
    {
        var visited = new HashSet<nn.Module>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(string Path, nn.Module Module)>();
        pending.Push((string.Empty, root));
        while (pending.Count > 0)
        {
            var (path, module) = pending.Pop();
            if (!visited.Add(module))
            {
                continue;
            }

            foreach (var (name, child) in module.named_children())
            {
                var childPath = ModuleTree.Join(path, name);
                if (ReferenceEquals(child, wanted))
                {
                    yield return childPath;
                }

                pending.Push((childPath, child));
            }
        }
    }
}
