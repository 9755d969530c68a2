using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// A deep copy: a module of the same type and structure whose parameters and buffers
            /// have their own storage and equal values. The training flag, each parameter's
            /// requires_grad and each buffer's persistence are kept; gradients are not copied.
            /// Changing the copy leaves this module untouched, and the reverse.
            /// </summary>
            /// <remarks>
            /// Subclasses clone correctly without extra code when they follow this contract:
            /// <list type="bullet">
            /// <item>Every module, parameter and buffer the module uses is registered (by
            /// <see cref="RegisterComponents"/>, <see cref="register_module"/>,
            /// <see cref="register_parameter"/> or <see cref="register_buffer"/>).</item>
            /// <item>Fields that refer to registered components, directly or inside an array, a
            /// <see cref="List{T}"/> or a <see cref="Dictionary{TKey, TValue}"/>, are re-pointed
            /// to the copy's components (the collections themselves are copied). A component held
            /// in any other collection makes Clone throw <see cref="NotSupportedException"/>.</item>
            /// <item>Every other field is copied shallowly (as by <see cref="object.MemberwiseClone"/>):
            /// numbers, strings and immutable settings are fine; an unregistered tensor, or a
            /// module outside this subtree, is shared by the original and the copy.</item>
            /// </list>
            /// A component shared within the subtree stays shared, once, in the copy. Forward
            /// hooks are copied (the same delegates).
            /// </remarks>
            /// <returns>The copy, which the caller owns.</returns>
            public Module Clone()
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                var clones = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
                Module copy;
                using (no_grad())
                {
                    copy = CloneTree(clones);
                }

                try
                {
                    var actions = clones.Values.OfType<Module>()
                        .SelectMany(m => FieldReferences.Plan(m, o => clones.GetValueOrDefault(o), copyCollections: true, operation: "Clone"))
                        .ToList();
                    actions.ForEach(a => a());
                }
                catch
                {
                    copy.Dispose();
                    throw;
                }

                return copy;
            }

            private Module CloneTree(Dictionary<object, object> clones)
            {
                if (clones.TryGetValue(this, out var done))
                {
                    return (Module)done;
                }

                var copy = (Module)MemberwiseClone();
                clones[this] = copy;
                copy.ownParameters = new(StringComparer.Ordinal);
                foreach (var (parameterName, parameter) in ownParameters)
                {
                    copy.ownParameters[parameterName] = parameter is null ? null : (Parameter)CloneTensor(parameter, clones);
                }

                copy.ownBuffers = new(StringComparer.Ordinal);
                foreach (var (bufferName, buffer) in ownBuffers)
                {
                    copy.ownBuffers[bufferName] = buffer is null ? null : CloneTensor(buffer, clones);
                }

                copy.nonPersistentBuffers = new(nonPersistentBuffers, StringComparer.Ordinal);
                copy.ownChildren = new(StringComparer.Ordinal);
                foreach (var (childName, child) in ownChildren)
                {
                    copy.ownChildren[childName] = child.CloneTree(clones);
                }

                copy.forwardPreHooks = [.. forwardPreHooks];
                copy.forwardHooks = [.. forwardHooks];
                return copy;
            }

            private static Tensor CloneTensor(Tensor tensor, Dictionary<object, object> clones)
            {
                if (clones.TryGetValue(tensor, out var done))
                {
                    return (Tensor)done;
                }

                var data = tensor.clone().DetachFromDisposeScope();
                Tensor copy;
                if (tensor is Parameter parameter)
                {
                    using (data)
                    {
                        copy = new Parameter(data, parameter.requires_grad);
                    }
                }
                else
                {
                    copy = data.requires_grad_(tensor.requires_grad);
                }

                clones[tensor] = copy;
                return copy;
            }
        }
    }
}
