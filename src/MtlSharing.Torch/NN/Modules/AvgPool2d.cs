using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>2-D average pooling over [N, C, H, W] inputs.</summary>
    public sealed class AvgPool2d : nn.Module<Tensor, Tensor>
    {
        internal AvgPool2d((long, long) kernelSize, (long, long) stride, (long, long) padding, bool ceilMode, bool countIncludePad)
            : base(nameof(AvgPool2d))
        {
            kernel_size = kernelSize;
            this.stride = stride;
            this.padding = padding;
            ceil_mode = ceilMode;
            count_include_pad = countIncludePad;
        }

        /// <summary>The window size (kH, kW).</summary>
        public (long, long) kernel_size { get; }

        /// <summary>The stride (sH, sW); by default the kernel size.</summary>
        public (long, long) stride { get; }

        /// <summary>The implicit zero padding (pH, pW).</summary>
        public (long, long) padding { get; }

        /// <summary>Whether the output size is rounded up instead of down.</summary>
        public bool ceil_mode { get; }

        /// <summary>Whether padding zeros count in the average.</summary>
        public bool count_include_pad { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => nn.functional.avg_pool2d(
            input,
            [kernel_size.Item1, kernel_size.Item2],
            [stride.Item1, stride.Item2],
            [padding.Item1, padding.Item2],
            ceil_mode,
            count_include_pad);

        /// <inheritdoc/>
        protected override string extra_repr() =>
            $"kernel_size={Repr.Pair(kernel_size)}, stride={Repr.Pair(stride)}, padding={Repr.Pair(padding)}";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>2-D average pooling with a square window.</summary>
            /// <param name="kernel_size">The window height and width.</param>
            /// <param name="stride">The stride; by default the kernel size.</param>
            /// <param name="padding">The implicit zero padding on each side.</param>
            /// <param name="ceil_mode">Round the output size up instead of down.</param>
            /// <param name="count_include_pad">Count padding zeros in the average.</param>
            /// <returns>The layer.</returns>
            public static AvgPool2d AvgPool2d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
                new((kernel_size, kernel_size), (stride ?? kernel_size, stride ?? kernel_size), (padding, padding), ceil_mode, count_include_pad);

            /// <summary>2-D average pooling with a rectangular window.</summary>
            /// <param name="kernel_size">The window size (kH, kW).</param>
            /// <param name="stride">The stride (sH, sW); by default the kernel size.</param>
            /// <param name="padding">The implicit zero padding (pH, pW).</param>
            /// <param name="ceil_mode">Round the output size up instead of down.</param>
            /// <param name="count_include_pad">Count padding zeros in the average.</param>
            /// <returns>The layer.</returns>
            public static AvgPool2d AvgPool2d((long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null, bool ceil_mode = false, bool count_include_pad = true) =>
                new(kernel_size, stride ?? kernel_size, padding ?? (0, 0), ceil_mode, count_include_pad);
        }
    }
}
