using System.Text;
using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    /// <summary>
    /// A multi-dimensional array held by libtorch. Disposing it releases the native reference at
    /// once; tensors created inside a <see cref="DisposeScope"/> are disposed with the scope.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        private readonly TensorHandle handle;

        internal Tensor(IntPtr native)
        {
            handle = new TensorHandle(native);
            DisposeScope.Current?.Add(this);
        }

        /// <summary>
        /// Gives up ownership of the native pointer, leaving this wrapper disposed; the caller
        /// becomes responsible for freeing it (by wrapping it in a new tensor).
        /// </summary>
        internal IntPtr TakeHandle()
        {
            var native = Handle;
            handle.SetHandleAsInvalid();
            return native;
        }

        /// <summary>The scope that will dispose this tensor, or null.</summary>
        internal DisposeScope? OwningScope { get; set; }

        /// <summary>The native at::Tensor pointer; throws once the tensor is disposed.</summary>
        internal IntPtr Handle
        {
            get
            {
                ObjectDisposedException.ThrowIf(handle.IsClosed, this);
                return handle.DangerousGetHandle();
            }
        }

        /// <summary>Whether <see cref="Dispose"/> has released this tensor.</summary>
        public bool IsDisposed => handle.IsClosed;

        /// <summary>The size of each dimension.</summary>
        public unsafe long[] shape
        {
            get
            {
                var native = Handle;
                var result = new long[NativeMethods.mts_tensor_dim(native)];
                fixed (long* p = result)
                {
                    NativeMethods.mts_tensor_shape(native, p);
                }

                GC.KeepAlive(this);
                return result;
            }
        }

        /// <summary>The number of dimensions.</summary>
        public long ndim
        {
            get
            {
                var result = NativeMethods.mts_tensor_dim(Handle);
                GC.KeepAlive(this);
                return result;
            }
        }

        /// <summary>The element type.</summary>
        public ScalarType dtype
        {
            get
            {
                var result = (ScalarType)NativeMethods.mts_tensor_dtype(Handle);
                GC.KeepAlive(this);
                return result;
            }
        }

        /// <summary>The number of dimensions.</summary>
        /// <returns>The rank of the tensor.</returns>
        public long dim() => ndim;

        /// <summary>The total number of elements.</summary>
        /// <returns>The product of the shape.</returns>
        public long numel()
        {
            var result = NativeMethods.mts_tensor_numel(Handle);
            GC.KeepAlive(this);
            return result;
        }

        /// <summary>The size of one dimension; negative values count from the end.</summary>
        /// <param name="dim">The dimension.</param>
        /// <returns>Its size.</returns>
        public long size(int dim)
        {
            var s = shape;
            var d = dim < 0 ? dim + s.Length : dim;
            if (d < 0 || d >= s.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(dim), dim, $"dimension out of range for a tensor of shape [{string.Join(", ", s)}]; expected {-s.Length}..{s.Length - 1}");
            }

            return s[d];
        }

        /// <summary>Moves this tensor from its dispose scope to the enclosing one.</summary>
        /// <returns>This tensor.</returns>
        public Tensor MoveToOuterDisposeScope()
        {
            OwningScope?.MoveToOuter(this);
            return this;
        }

        /// <summary>Takes this tensor out of every dispose scope; the caller disposes it.</summary>
        /// <returns>This tensor.</returns>
        public Tensor DetachFromDisposeScope()
        {
            OwningScope = null;
            return this;
        }

        /// <summary>Releases the native tensor now.</summary>
        public void Dispose()
        {
            handle.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>A short description: shape and element type.</summary>
        /// <returns>For example "[2x3], type = Float32".</returns>
        public override string ToString() =>
            IsDisposed ? "[disposed tensor]" : $"[{string.Join("x", shape)}], type = {dtype}";

        /// <summary>Describes the tensor, with its values when <paramref name="withData"/> is set.</summary>
        /// <param name="withData">Whether to print the elements as libtorch does.</param>
        /// <returns>The description.</returns>
        public unsafe string ToString(bool withData)
        {
            if (!withData)
            {
                return ToString();
            }

            for (var capacity = 1 << 16; ; capacity *= 4)
            {
                var buffer = new byte[capacity];
                int written;
                fixed (byte* p = buffer)
                {
                    NativeMethods.Check(NativeMethods.mts_tensor_to_string(Handle, p, buffer.Length, out written));
                }

                GC.KeepAlive(this);
                if (written < capacity)
                {
                    return Encoding.UTF8.GetString(buffer, 0, written);
                }
            }
        }
    }
}
