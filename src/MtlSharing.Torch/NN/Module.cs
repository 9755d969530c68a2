using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// The base of every layer and model: a tree of named submodules, parameters and buffers.
        /// A subclass builds its submodules and parameters in its constructor, stores them in
        /// fields and calls <see cref="RegisterComponents"/>; every registered component then
        /// appears in <see cref="named_parameters"/>, <see cref="state_dict"/> and so on, in
        /// registration order, as in PyTorch.
        /// </summary>
        /// <remarks>
        /// A module owns its registered parameters, buffers and children: <see cref="Dispose()"/>
        /// releases them all. See <see cref="Clone"/> for how subclasses are copied.
        /// </remarks>
        public abstract partial class Module : IDisposable
        {
            private readonly string name;
            private OrderedDictionary<string, Parameter?> ownParameters = new(StringComparer.Ordinal);
            private OrderedDictionary<string, Tensor?> ownBuffers = new(StringComparer.Ordinal);
            private HashSet<string> nonPersistentBuffers = new(StringComparer.Ordinal);
            private OrderedDictionary<string, Module> ownChildren = new(StringComparer.Ordinal);
            private bool disposed;

            /// <summary>Creates an empty module in training mode.</summary>
            /// <param name="name">The module's name, by convention its type name (see <see cref="GetName"/>).</param>
            protected Module(string name)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(name);
                this.name = name;
            }

            /// <summary>Whether the module is in training mode (see <see cref="train"/>).</summary>
            public bool training { get; private set; } = true;

            /// <summary>Whether <see cref="Dispose()"/> has released this module.</summary>
            public bool IsDisposed => disposed;

            /// <summary>The type of module a child must be; containers narrow it.</summary>
            internal virtual Type ChildType => typeof(Module);

            /// <summary>The name given to the constructor, by convention the module's type name.</summary>
            /// <returns>For example "Linear".</returns>
            public string GetName() => name;

            /// <summary>
            /// Registers (or replaces, keeping its position) a child module. Replacing does not
            /// dispose the old child.
            /// </summary>
            /// <param name="name">A non-empty name without dots, unused by a parameter or buffer.</param>
            /// <param name="module">The child.</param>
            public void register_module(string name, Module module)
            {
                ArgumentNullException.ThrowIfNull(module);
                CheckComponentName(name, ownChildren);
                if (ReferenceEquals(module, this))
                {
                    throw new ArgumentException($"a module cannot be its own child ('{name}')", nameof(module));
                }

                CheckChildType(name, module);
                ownChildren[name] = module;
            }

            /// <summary>
            /// Registers (or replaces, keeping its position) a parameter. Null records the name
            /// without a value, as PyTorch does for an absent bias. Replacing does not dispose the
            /// old parameter.
            /// </summary>
            /// <param name="name">A non-empty name without dots, unused by a child or buffer.</param>
            /// <param name="param">The parameter, or null.</param>
            public void register_parameter(string name, Parameter? param)
            {
                CheckComponentName(name, ownParameters);
                ownParameters[name] = param;
            }

            /// <summary>
            /// Registers (or replaces, keeping its position) a buffer: state that is not trained,
            /// such as BatchNorm's running mean. The module takes ownership: the tensor leaves its
            /// dispose scope and is disposed with the module.
            /// </summary>
            /// <param name="name">A non-empty name without dots, unused by a child or parameter.</param>
            /// <param name="tensor">The buffer, or null.</param>
            /// <param name="persistent">Whether the buffer belongs in <see cref="state_dict"/>.</param>
            public void register_buffer(string name, Tensor? tensor, bool persistent = true)
            {
                if (tensor is Parameter)
                {
                    throw new ArgumentException($"'{name}' is a Parameter; register it with register_parameter", nameof(tensor));
                }

                CheckComponentName(name, ownBuffers);
                tensor?.DetachFromDisposeScope();
                ownBuffers[name] = tensor;
                if (persistent)
                {
                    nonPersistentBuffers.Remove(name);
                }
                else
                {
                    nonPersistentBuffers.Add(name);
                }
            }

            /// <summary>
            /// Puts the module and all its descendants in training mode (true) or evaluation mode
            /// (false). Dropout and BatchNorm behave differently in the two modes.
            /// </summary>
            /// <param name="on">True for training mode.</param>
            public virtual void train(bool on = true)
            {
                training = on;
                foreach (var child in ownChildren.Values)
                {
                    child.train(on);
                }
            }

            /// <summary>Puts the module and all its descendants in evaluation mode.</summary>
            public void eval() => train(false);

            /// <summary>Releases the parameters, buffers and children of this module.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Releases the registered parameters, buffers and children.</summary>
            /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
            protected virtual void Dispose(bool disposing)
            {
                if (disposed || !disposing)
                {
                    return;
                }

                disposed = true;
                foreach (var parameter in ownParameters.Values)
                {
                    parameter?.Dispose();
                }

                foreach (var buffer in ownBuffers.Values)
                {
                    buffer?.Dispose();
                }

                foreach (var child in ownChildren.Values)
                {
                    child.Dispose();
                }
            }

            /// <summary>This module's own parameter of that name, or null.</summary>
            internal Parameter? OwnParameter(string parameterName) =>
                ownParameters.TryGetValue(parameterName, out var parameter) ? parameter : null;

            /// <summary>This module's own buffer of that name, or null.</summary>
            internal Tensor? OwnBuffer(string bufferName) =>
                ownBuffers.TryGetValue(bufferName, out var buffer) ? buffer : null;

            /// <summary>Removes a child without disposing it; false if there was none.</summary>
            internal bool RemoveChild(string childName) => ownChildren.Remove(childName);

            /// <summary>The child of that name, or null.</summary>
            internal Module? ChildOrNull(string childName) => ownChildren.GetValueOrDefault(childName);

            /// <summary>The child at a registration position.</summary>
            internal KeyValuePair<string, Module> ChildAt(int index) => ownChildren.GetAt(index);

            /// <summary>The children in registration order, duplicates included.</summary>
            internal IEnumerable<KeyValuePair<string, Module>> ChildEntries => ownChildren;

            /// <summary>The number of registered children, duplicates included.</summary>
            internal int ChildCount => ownChildren.Count;

            /// <summary>Replaces all children at once (used by containers that renumber them).</summary>
            internal void ResetChildren(IEnumerable<(string Name, Module Module)> children)
            {
                ownChildren.Clear();
                foreach (var (childName, child) in children)
                {
                    register_module(childName, child);
                }
            }

            private void CheckChildType(string childName, Module module)
            {
                if (!ChildType.IsInstanceOfType(module))
                {
                    throw new ArgumentException($"{GetName()} holds only {TypeNames.Of(ChildType)} children; '{childName}' would be {TypeNames.Of(module.GetType())}", nameof(module));
                }
            }

            private void CheckComponentName<T>(string componentName, OrderedDictionary<string, T> target)
            {
                ArgumentException.ThrowIfNullOrEmpty(componentName);
                if (componentName.Contains('.', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"component name '{componentName}' must not contain '.'", nameof(componentName));
                }

                var clash = (object)target != ownParameters && ownParameters.ContainsKey(componentName) ? "parameter"
                    : (object)target != ownBuffers && ownBuffers.ContainsKey(componentName) ? "buffer"
                    : (object)target != ownChildren && ownChildren.ContainsKey(componentName) ? "child module"
                    : null;
                if (clash is not null)
                {
                    throw new ArgumentException($"{GetName()} already has a {clash} named '{componentName}'", nameof(componentName));
                }

                ObjectDisposedException.ThrowIf(disposed, this);
            }
        }
    }
}
