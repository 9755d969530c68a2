using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>The descendant at a dotted path such as "layer1.0.conv1"; "" is this module.</summary>
            /// <param name="path">The path, as listed by <see cref="named_modules"/>.</param>
            /// <returns>The submodule.</returns>
            /// <exception cref="ArgumentException">No such path; the message suggests the nearest names.</exception>
            public Module get_submodule(string path)
            {
                ArgumentNullException.ThrowIfNull(path);
                if (path.Length == 0)
                {
                    return this;
                }

                var module = this;
                var walked = string.Empty;
                foreach (var part in path.Split('.'))
                {
                    if (!module.ownChildren.TryGetValue(part, out var child))
                    {
                        throw UnknownPath(path, walked, part, module);
                    }

                    module = child;
                    walked = Join(walked, part);
                }

                return module;
            }

            /// <summary>
            /// Replaces the descendant at a dotted path with another module, keeping its name and
            /// position. Fields of the parent that referred to the old module (directly or in an
            /// array, List or Dictionary) are re-pointed to the new one, so the parent's forward
            /// uses it. Everything is checked before anything changes. The old module is not
            /// disposed; the caller keeps it.
            /// </summary>
            /// <param name="path">The path of an existing submodule, e.g. "layer1.0.conv1".</param>
            /// <param name="module">The replacement.</param>
            /// <exception cref="ArgumentException">No such path; the message suggests the nearest names.</exception>
            /// <exception cref="InvalidOperationException">A field of the parent, or the parent container, cannot hold the replacement's type.</exception>
            public void set_submodule(string path, Module module)
            {
                ArgumentException.ThrowIfNullOrEmpty(path);
                ArgumentNullException.ThrowIfNull(module);
                var split = path.LastIndexOf('.');
                var parentPath = split < 0 ? string.Empty : path[..split];
                var childName = path[(split + 1)..];
                var parent = get_submodule(parentPath);
                if (!parent.ownChildren.TryGetValue(childName, out var old))
                {
                    throw UnknownPath(path, parentPath, childName, parent);
                }

                if (ReferenceEquals(old, module))
                {
                    return;
                }

                if (!parent.ChildType.IsInstanceOfType(module))
                {
                    throw new InvalidOperationException($"'{path}' is in a {parent.GetName()}, which holds only {TypeNames.Of(parent.ChildType)} children, not {TypeNames.Of(module.GetType())}");
                }

                var actions = FieldReferences.Plan(parent, o => ReferenceEquals(o, old) ? module : null, copyCollections: false, operation: "set_submodule");
                parent.register_module(childName, module);
                actions.ForEach(a => a());
            }

            /// <summary>The parameter at a dotted path such as "layer1.0.conv1.weight".</summary>
            /// <param name="path">The path, as listed by <see cref="named_parameters"/>.</param>
            /// <returns>The parameter.</returns>
            /// <exception cref="ArgumentException">No such parameter.</exception>
            public Parameter get_parameter(string path)
            {
                ArgumentException.ThrowIfNullOrEmpty(path);
                var split = path.LastIndexOf('.');
                var owner = get_submodule(split < 0 ? string.Empty : path[..split]);
                var parameterName = path[(split + 1)..];
                if (owner.ownParameters.TryGetValue(parameterName, out var parameter) && parameter is not null)
                {
                    return parameter;
                }

                var nearest = NameSuggestions.Nearest(parameterName, owner.ownParameters.Where(p => p.Value is not null).Select(p => p.Key));
                var hint = nearest.Count == 0 ? "it has no parameters of its own" : $"nearest: {string.Join(", ", nearest)}";
                throw new ArgumentException($"no parameter '{path}' in {GetName()}: {owner.GetName()} has no parameter '{parameterName}'; {hint}", nameof(path));
            }

            private ArgumentException UnknownPath(string path, string walked, string part, Module module)
            {
                var where = walked.Length == 0 ? GetName() : $"'{walked}' ({module.GetName()})";
                var nearest = NameSuggestions.Nearest(part, module.ownChildren.Keys);
                var hint = nearest.Count == 0 ? "it has no submodules" : $"nearest: {string.Join(", ", nearest.Select(n => Join(walked, n)))}";
                return new ArgumentException($"no submodule '{path}' in {GetName()}: {where} has no child '{part}'; {hint}", nameof(path));
            }
        }
    }
}
