using MtlSharing.Selectors;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Modules;

/// <summary>
/// Module-tree operations PyTorch has and TorchSharp 0.107 lacks: a submodule by dotted path,
/// replacing one so that the parent's <c>forward</c> really calls the replacement, a deep copy, and
/// the modules in PyTorch's depth-first order.
/// </summary>
public static class ModuleTree
{
    /// <summary>
    /// Every module under <paramref name="root"/>, the root first as "", in PyTorch's
    /// <c>named_modules()</c> order (depth first, children in registration order). A module reached
    /// twice is listed once, at its first path. (TorchSharp's own <c>named_modules</c> lists each
    /// module's children before their descendants.)
    /// </summary>
    /// <param name="root">The module.</param>
    /// <returns>Paths and modules.</returns>
    public static IEnumerable<(string Path, nn.Module Module)> NamedModulesDepthFirst(this nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var seen = new HashSet<nn.Module>(ReferenceEqualityComparer.Instance);
        return Walk(root, string.Empty, seen);
    }

    /// <summary>The descendant at a dotted path such as "layer1.0.conv1"; "" is the root itself.</summary>
    /// <param name="root">The module.</param>
    /// <param name="path">The path, as <see cref="NamedModulesDepthFirst"/> lists it.</param>
    /// <returns>The submodule.</returns>
    /// <exception cref="ArgumentException">No such path; the message names the nearest real ones.</exception>
    public static nn.Module GetSubmodule(this nn.Module root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        var module = root;
        var walked = string.Empty;
        foreach (var part in path.Length == 0 ? [] : path.Split('.'))
        {
            module = Child(module, part) ?? throw UnknownPath(root, path, walked, part, module);
            walked = Join(walked, part);
        }

        return module;
    }

    /// <summary>
    /// Replaces the descendant at a dotted path, keeping its name and position, and re-points the
    /// parent's fields that held the old module (directly, or in an array, list or dictionary, as
    /// <c>Sequential</c>, <c>ModuleList</c> and <c>ModuleDict</c> keep them), so the parent's
    /// <c>forward</c> calls the replacement. Everything is checked first: where the old module is
    /// held anywhere that cannot be re-pointed (twice in the tree, by another module's field, or in
    /// a delegate), nothing changes and the message says where. The old module is not disposed.
    /// </summary>
    /// <param name="root">The module.</param>
    /// <param name="path">The path of an existing submodule, e.g. "layer1.0.conv1".</param>
    /// <param name="replacement">The new module.</param>
    /// <exception cref="ArgumentException">No such path.</exception>
    /// <exception cref="InvalidOperationException">The old module cannot be replaced; the message says why.</exception>
    /// <exception cref="NotSupportedException">A field holds the old module in a way that cannot be re-pointed.</exception>
    public static void SetSubmodule(this nn.Module root, string path, nn.Module replacement)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(replacement);
        var split = path.LastIndexOf('.');
        var parent = root.GetSubmodule(split < 0 ? string.Empty : path[..split]);
        var old = root.GetSubmodule(path);
        if (ReferenceEquals(old, replacement))
        {
            return;
        }

        SubmoduleSwap.Plan(root, parent, path, path[(split + 1)..], old, replacement)();
    }

    /// <summary>
    /// A deep copy: a module of the same type and structure whose parameters and buffers have their
    /// own storage and equal values, with the same training flags, <c>requires_grad</c> and buffer
    /// persistence; gradients are not copied. Fields that refer to the module's own submodules,
    /// parameters and buffers (directly or in arrays, lists and dictionaries) refer to the copy's.
    /// Other fields are copied as they are: numbers, strings and settings are fine, but an
    /// unregistered tensor or a module outside the tree is shared by both.
    /// </summary>
    /// <typeparam name="T">The module type.</typeparam>
    /// <param name="module">The module.</param>
    /// <returns>The copy, which the caller owns.</returns>
    /// <exception cref="NotSupportedException">A field holds a submodule in a way that cannot be re-pointed, e.g. a delegate that captures it.</exception>
    public static T DeepCopy<T>(this T module) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        return (T)ModuleCopier.Copy(module);
    }

    /// <summary>
    /// The name of a field of the module's parent that holds it but is declared with a type that
    /// cannot hold <paramref name="replacementType"/> (TorchVision's ResNet declares its stages as
    /// <c>Sequential</c>), or null when a replacement of that type can take its place.
    /// </summary>
    internal static string? FieldThatCannotHold(nn.Module root, string path, Type replacementType)
    {
        var split = path.LastIndexOf('.');
        var parent = root.GetSubmodule(split < 0 ? string.Empty : path[..split]);
        var module = root.GetSubmodule(path);
        return ComponentFields.Of(parent.GetType())
            .Where(f => ReferenceEquals(f.GetValue(parent), module) && !f.FieldType.IsAssignableFrom(replacementType))
            .Select(f => $"field '{ComponentFields.NameOf(f)}' of {TypeNames.Of(parent.GetType())} is declared as {TypeNames.Of(f.FieldType)}")
            .FirstOrDefault();
    }

    /// <summary>The child called <paramref name="name"/>, or null.</summary>
    internal static nn.Module? Child(nn.Module module, string name)
    {
        foreach (var (childName, child) in module.named_children())
        {
            if (childName == name)
            {
                return child;
            }
        }

        return null;
    }

    internal static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    private static IEnumerable<(string Path, nn.Module Module)> Walk(nn.Module module, string path, HashSet<nn.Module> seen)
    {
        if (!seen.Add(module))
        {
            yield break;
        }

        yield return (path, module);
        foreach (var (name, child) in module.named_children())
        {
            foreach (var entry in Walk(child, Join(path, name), seen))
            {
                yield return entry;
            }
        }
    }

    private static ArgumentException UnknownPath(nn.Module root, string path, string walked, string part, nn.Module module)
    {
        var where = walked.Length == 0 ? root.GetName() : $"'{walked}' ({module.GetName()})";
        var names = module.named_children().Select(c => Join(walked, c.name)).ToList();
        var hint = names.Count == 0 ? "it has no submodules" : $"nearest: {string.Join(", ", EditDistance.Nearest(Join(walked, part), names))}";
        return new ArgumentException($"no submodule '{path}' in {root.GetName()}: {where} has no child '{part}'; {hint}", nameof(path));
    }
}
