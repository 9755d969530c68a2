using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>The direct children with their names, in registration order, each module once.</summary>
            /// <returns>(name, child) pairs.</returns>
            public IEnumerable<(string name, Module module)> named_children()
            {
                var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
                return ownChildren.Where(c => seen.Add(c.Value)).Select(c => (c.Key, c.Value)).ToList();
            }

            /// <summary>The direct children, in registration order, each module once.</summary>
            /// <returns>The children.</returns>
            public IEnumerable<Module> children() => named_children().Select(c => c.module);

            /// <summary>
            /// This module and all its descendants in pre-order, each with its dotted path ("" for
            /// this module, then e.g. "layer1", "layer1.0", "layer1.0.conv1"); a module reachable
            /// along several paths is listed once, under the first.
            /// </summary>
            /// <returns>(path, module) pairs.</returns>
            public IEnumerable<(string name, Module module)> named_modules()
            {
                var result = new List<(string, Module)>();
                CollectModules(string.Empty, result, new HashSet<Module>(ReferenceEqualityComparer.Instance));
                return result;
            }

            /// <summary>This module and all its descendants in pre-order, each once.</summary>
            /// <returns>The modules.</returns>
            public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

            /// <summary>
            /// The parameters with their dotted paths (e.g. "layer1.0.conv1.weight"), in the order
            /// of <see cref="named_modules"/> and then registration; a parameter shared by several
            /// modules is listed once, under its first path.
            /// </summary>
            /// <param name="recurse">Include the descendants' parameters, not only this module's own.</param>
            /// <returns>(path, parameter) pairs.</returns>
            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true) =>
                NamedMembers(recurse, m => m.ownParameters.Where(p => p.Value is not null).Select(p => (p.Key, (Tensor)p.Value!)))
                    .Select(p => (p.Name, (Parameter)p.Tensor))
                    .ToList();

            /// <summary>The parameters, each once, in the order of <see cref="named_parameters"/>.</summary>
            /// <param name="recurse">Include the descendants' parameters.</param>
            /// <returns>The parameters.</returns>
            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            /// <summary>The buffers (persistent or not) with their dotted paths, each once.</summary>
            /// <param name="recurse">Include the descendants' buffers, not only this module's own.</param>
            /// <returns>(path, buffer) pairs.</returns>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true) =>
                NamedMembers(recurse, m => m.ownBuffers.Where(b => b.Value is not null).Select(b => (b.Key, b.Value!)))
                    .ToList();

            /// <summary>The buffers, each once, in the order of <see cref="named_buffers"/>.</summary>
            /// <param name="recurse">Include the descendants' buffers.</param>
            /// <returns>The buffers.</returns>
            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(b => b.buffer);

            /// <summary>Calls a function on every descendant (children first, recursively) and then on this module.</summary>
            /// <param name="fn">The function.</param>
            /// <returns>This module.</returns>
            public Module apply(Action<Module> fn)
            {
                ArgumentNullException.ThrowIfNull(fn);
                foreach (var child in children())
                {
                    child.apply(fn);
                }

                fn(this);
                return this;
            }

            /// <summary>Clears the gradients of all parameters.</summary>
            /// <param name="set_to_none">Drop the gradient tensors (true) or fill them with zeros (false).</param>
            public void zero_grad(bool set_to_none = true)
            {
                using var noGrad = no_grad();
                foreach (var parameter in parameters())
                {
                    if (set_to_none)
                    {
                        parameter.grad = null;
                        continue;
                    }

                    using var grad = parameter.grad;
                    grad?.zero_();
                }
            }

            /// <summary>Sets whether autograd records operations on every parameter (false freezes them).</summary>
            /// <param name="requires_grad">The new value.</param>
            /// <returns>This module.</returns>
            public Module requires_grad_(bool requires_grad = true)
            {
                foreach (var parameter in parameters())
                {
                    parameter.requires_grad = requires_grad;
                }

                return this;
            }

            private void CollectModules(string prefix, List<(string, Module)> result, HashSet<Module> seen)
            {
                if (!seen.Add(this))
                {
                    return;
                }

                result.Add((prefix, this));
                foreach (var (childName, child) in ownChildren)
                {
                    child.CollectModules(Join(prefix, childName), result, seen);
                }
            }

            private IEnumerable<(string Name, Tensor Tensor)> NamedMembers(bool recurse, Func<Module, IEnumerable<(string, Tensor)>> members)
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                var owners = recurse ? named_modules() : [(string.Empty, this)];
                foreach (var (prefix, module) in owners)
                {
                    foreach (var (memberName, tensor) in members(module))
                    {
                        if (seen.Add(tensor))
                        {
                            yield return (Join(prefix, memberName), tensor);
                        }
                    }
                }
            }

            private static string Join(string prefix, string memberName) => prefix.Length == 0 ? memberName : $"{prefix}.{memberName}";
        }
    }
}
