using System.Runtime.CompilerServices;
using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Reads a one-element tensor as a .NET value.</summary>
        /// <typeparam name="T">float, double, Half, long, int, short, sbyte, byte or bool.</typeparam>
        /// <returns>The single element, converted to <typeparamref name="T"/> (integers are range-checked).</returns>
        public unsafe T item<T>()
            where T : unmanaged
        {
            var native = Handle;
            if (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half))
            {
                double value;
                NativeMethods.Check(NativeMethods.mts_tensor_item(native, 0, &value));
                GC.KeepAlive(this);
                if (typeof(T) == typeof(double))
                {
                    return Unsafe.As<double, T>(ref value);
                }

                if (typeof(T) == typeof(float))
                {
                    var single = (float)value;
                    return Unsafe.As<float, T>(ref single);
                }

                var half = (Half)value;
                return Unsafe.As<Half, T>(ref half);
            }

            if (typeof(T) != typeof(long) && typeof(T) != typeof(int) && typeof(T) != typeof(short)
                && typeof(T) != typeof(sbyte) && typeof(T) != typeof(byte) && typeof(T) != typeof(bool))
            {
                throw new NotSupportedException($"item<{typeof(T).Name}> is not supported; use float, double, Half, long, int, short, sbyte, byte or bool");
            }

            long integer;
            NativeMethods.Check(NativeMethods.mts_tensor_item(native, 1, &integer));
            GC.KeepAlive(this);
            if (typeof(T) == typeof(long))
            {
                return Unsafe.As<long, T>(ref integer);
            }

            if (typeof(T) == typeof(int))
            {
                var narrow = checked((int)integer);
                return Unsafe.As<int, T>(ref narrow);
            }

            if (typeof(T) == typeof(short))
            {
                var narrow = checked((short)integer);
                return Unsafe.As<short, T>(ref narrow);
            }

            if (typeof(T) == typeof(sbyte))
            {
                var narrow = checked((sbyte)integer);
                return Unsafe.As<sbyte, T>(ref narrow);
            }

            if (typeof(T) == typeof(byte))
            {
                var narrow = checked((byte)integer);
                return Unsafe.As<byte, T>(ref narrow);
            }

            var truth = integer != 0;
            return Unsafe.As<bool, T>(ref truth);
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

            GC.KeepAlive(this);
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

            GC.KeepAlive(this);
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
