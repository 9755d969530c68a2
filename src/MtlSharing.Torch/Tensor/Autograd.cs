using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>
        /// Whether autograd records operations on this tensor. Only leaf tensors of a floating-point
        /// type can be changed; setting it on a computed tensor throws, as in PyTorch.
        /// </summary>
        public bool requires_grad
        {
            get
            {
                var result = NativeMethods.mts_tensor_requires_grad(Handle) != 0;
                GC.KeepAlive(this);
                return result;
            }

            set
            {
                RequireLeaf(value);
                NativeMethods.Check(NativeMethods.mts_tensor_set_requires_grad(Handle, value ? 1 : 0));
                GC.KeepAlive(this);
            }
        }

        /// <summary>Whether this tensor was created by the user rather than by a recorded operation.</summary>
        public bool is_leaf
        {
            get
            {
                var result = NativeMethods.mts_tensor_is_leaf(Handle) != 0;
                GC.KeepAlive(this);
                return result;
            }
        }

        /// <summary>
        /// The gradient accumulated by <see cref="backward"/>, or null. Each read returns a new
        /// handle to the same storage; setting null clears it.
        /// </summary>
        public Tensor? grad
        {
            get
            {
                NativeMethods.Check(NativeMethods.mts_tensor_grad(Handle, out var native));
                GC.KeepAlive(this);
                return native == IntPtr.Zero ? null : new Tensor(native);
            }

            set
            {
                NativeMethods.Check(NativeMethods.mts_tensor_set_grad(Handle, value is null ? IntPtr.Zero : value.Handle));
                GC.KeepAlive(this);
                GC.KeepAlive(value);
            }
        }

        /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
        /// <param name="requires_grad">The new value.</param>
        /// <returns>This tensor.</returns>
        public Tensor requires_grad_(bool requires_grad = true)
        {
            if (requires_grad && !is_leaf)
            {
                // A computed tensor already requires grad; as in PyTorch, asking again changes nothing.
                return this;
            }

            this.requires_grad = requires_grad;
            return this;
        }

        private void RequireLeaf(bool value)
        {
            if (!is_leaf)
            {
                throw new InvalidOperationException(
                    $"requires_grad can only be changed on leaf tensors, and this {ToString()} tensor was computed by a recorded operation; "
                    + (value ? "it already requires grad" : "use detach() to get a tensor outside the graph"));
            }
        }

        /// <summary>Computes the gradients of this tensor with respect to the graph's leaves.</summary>
        /// <param name="gradient">The gradient of the final result with respect to this tensor; needed unless it is a scalar.</param>
        /// <param name="retain_graph">Keep the graph for another backward pass.</param>
        /// <param name="create_graph">Record the backward pass too, for higher-order gradients.</param>
        public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false)
        {
            var grad = gradient?.Handle ?? IntPtr.Zero;
            NativeMethods.Check(NativeMethods.mts_backward(Handle, grad, retain_graph || create_graph ? 1 : 0, create_graph ? 1 : 0));
            GC.KeepAlive(this);
            GC.KeepAlive(gradient);
        }
    }

    /// <summary>Autograd functions.</summary>
    public static class autograd
    {
        /// <summary>Gradients of outputs with respect to inputs, leaving every .grad untouched.</summary>
        /// <param name="outputs">The differentiated tensors.</param>
        /// <param name="inputs">The tensors to differentiate with respect to.</param>
        /// <param name="grad_outputs">The gradient of each output; null entries mean ones (scalars only).</param>
        /// <param name="retain_graph">Keep the graph for another backward pass.</param>
        /// <param name="create_graph">Record the computation, for higher-order gradients.</param>
        /// <param name="allow_unused">Return null for inputs that do not affect the outputs instead of failing.</param>
        /// <returns>One gradient per input (null where unused).</returns>
        public static unsafe IList<Tensor?> grad(
            IReadOnlyList<Tensor> outputs,
            IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor?>? grad_outputs = null,
            bool retain_graph = false,
            bool create_graph = false,
            bool allow_unused = false)
        {
            ArgumentNullException.ThrowIfNull(outputs);
            ArgumentNullException.ThrowIfNull(inputs);
            if (grad_outputs is not null && grad_outputs.Count != outputs.Count)
            {
                throw new ArgumentException($"grad_outputs has {grad_outputs.Count} entries but there are {outputs.Count} outputs", nameof(grad_outputs));
            }

            var outs = Handles(outputs, nameof(outputs));
            var ins = Handles(inputs, nameof(inputs));
            var gouts = grad_outputs?.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
            var results = new IntPtr[ins.Length];
            fixed (IntPtr* o = outs)
            fixed (IntPtr* i = ins)
            fixed (IntPtr* g = gouts)
            fixed (IntPtr* r = results)
            {
                NativeMethods.Check(NativeMethods.mts_autograd_grad(o, outs.Length, i, ins.Length, g, retain_graph || create_graph ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, r));
            }

            GC.KeepAlive(outputs);
            GC.KeepAlive(inputs);
            GC.KeepAlive(grad_outputs);
            return results.Select(p => p == IntPtr.Zero ? null : new Tensor(p)).ToList();
        }

        private static IntPtr[] Handles(IReadOnlyList<Tensor> tensors, string name)
        {
            var handles = new IntPtr[tensors.Count];
            for (var i = 0; i < handles.Length; i++)
            {
                handles[i] = tensors[i]?.Handle ?? throw new ArgumentNullException(name, $"{name} holds null at position {i}");
            }

            return handles;
        }
    }

    /// <summary>Whether autograd records operations on this thread.</summary>
    /// <returns>True unless inside a <see cref="no_grad"/> scope.</returns>
    public static bool is_grad_enabled() => NativeMethods.mts_is_grad_enabled() != 0;

    /// <summary>Turns gradient recording off on this thread until the returned scope is disposed.</summary>
    /// <returns>A scope that restores the previous mode.</returns>
    public static IDisposable no_grad() => new GradModeScope(false);

    /// <summary>Turns gradient recording on or off on this thread until the returned scope is disposed.</summary>
    /// <param name="enabled">The mode inside the scope.</param>
    /// <returns>A scope that restores the previous mode.</returns>
    public static IDisposable set_grad_enabled(bool enabled) => new GradModeScope(enabled);

    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeScope(bool enabled)
        {
            previous = is_grad_enabled();
            NativeMethods.mts_set_grad_enabled(enabled ? 1 : 0);
        }

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                NativeMethods.mts_set_grad_enabled(previous ? 1 : 0);
            }
        }
    }
}
