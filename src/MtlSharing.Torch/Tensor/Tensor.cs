using System.Runtime.InteropServices;
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

                return result;
            }
        }

        /// <summary>The number of dimensions.</summary>
        public long ndim => NativeMethods.mts_tensor_dim(Handle);

        /// <summary>The element type.</summary>
        public ScalarType dtype => (ScalarType)NativeMethods.mts_tensor_dtype(Handle);

        /// <summary>The number of dimensions.</summary>
        /// <returns>The rank of the tensor.</returns>
        public long dim() => ndim;

        /// <summary>The total number of elements.</summary>
        /// <returns>The product of the shape.</returns>
        public long numel() => NativeMethods.mts_tensor_numel(Handle);

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

        /// <summary>Reads a one-element tensor as a .NET value.</summary>
        /// <typeparam name="T">float, double, long, int, short, sbyte, byte or bool.</typeparam>
        /// <returns>The single element, converted to <typeparamref name="T"/>.</returns>
        public unsafe T item<T>()
            where T : unmanaged
        {
            var native = Handle;
            if (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half))
            {
                double value;
                NativeMethods.Check(NativeMethods.mts_tensor_item(native, 0, &value));
                return typeof(T) == typeof(double) ? (T)(object)value
                    : typeof(T) == typeof(float) ? (T)(object)(float)value
                    : (T)(object)(Half)value;
            }

            long integer;
            NativeMethods.Check(NativeMethods.mts_tensor_item(native, 1, &integer));
            object boxed = Type.GetTypeCode(typeof(T)) switch
            {
                TypeCode.Int64 => integer,
                TypeCode.Int32 => checked((int)integer),
                TypeCode.Int16 => checked((short)integer),
                TypeCode.SByte => checked((sbyte)integer),
                TypeCode.Byte => checked((byte)integer),
                TypeCode.Boolean => integer != 0,
                _ => throw new NotSupportedException($"item<{typeof(T).Name}> is not supported"),
            };
            return (T)boxed;
        }

        /// <summary>Copies the elements, in row-major order, into a new array.</summary>
        /// <typeparam name="T">The .NET type matching <see cref="dtype"/>.</typeparam>
        /// <returns>A new array of <see cref="numel"/> elements.</returns>
        public T[] ToArray<T>()
            where T : unmanaged
        {
            var result = new T[numel()];
            CopyTo<T>(result);
            return result;
        }

        /// <summary>Copies the elements, in row-major order, into a span.</summary>
        /// <typeparam name="T">The .NET type matching <see cref="dtype"/>.</typeparam>
        /// <param name="destination">A span of exactly <see cref="numel"/> elements.</param>
        public unsafe void CopyTo<T>(Span<T> destination)
            where T : unmanaged
        {
            RequireElementType<T>();
            var count = numel();
            if (destination.Length != count)
            {
                throw new ArgumentException($"the destination holds {destination.Length} elements but the tensor has {count}", nameof(destination));
            }

            fixed (T* p = destination)
            {
                NativeMethods.Check(NativeMethods.mts_tensor_copy_out(Handle, p, count * sizeof(T)));
            }
        }

        /// <summary>Overwrites the elements of a contiguous tensor from a span, in row-major order.</summary>
        /// <typeparam name="T">The .NET type matching <see cref="dtype"/>.</typeparam>
        /// <param name="source">Exactly <see cref="numel"/> elements.</param>
        public unsafe void CopyFrom<T>(ReadOnlySpan<T> source)
            where T : unmanaged
        {
            RequireElementType<T>();
            var count = numel();
            if (source.Length != count)
            {
                throw new ArgumentException($"the source holds {source.Length} elements but the tensor has {count}", nameof(source));
            }

            fixed (T* p = source)
            {
                NativeMethods.Check(NativeMethods.mts_tensor_copy_in(Handle, p, count * sizeof(T)));
            }
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

            var buffer = new byte[1 << 16];
            fixed (byte* p = buffer)
            {
                NativeMethods.Check(NativeMethods.mts_tensor_to_string(Handle, p, buffer.Length, out var written));
                return Encoding.UTF8.GetString(buffer, 0, written);
            }
        }

        private void RequireElementType<T>()
            where T : unmanaged
        {
            var expected = ScalarTypeOf<T>();
            var actual = dtype;
            if (expected != actual)
            {
                throw new InvalidOperationException($"the tensor holds {actual} elements, not {typeof(T).Name} ({expected}); convert it first with to(ScalarType.{expected})");
            }
        }
    }
}
