using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>2-D max pooling over [N, C, H, W] inputs.</summary>
    public sealed class MaxPool2d : nn.Module<Tensor, Tensor>
    {
        internal MaxPool2d((long, long) kernelSize, (long, long) stride, (long, long) padding, (long, long) dilation, bool ceilMode)
            : base(nameof(MaxPool2d))
        {
            kernel_size = kernelSize;
            this.stride = stride;
            this.padding = padding;
            this.dilation = dilation;
            ceil_mode = ceilMode;
        }

        /// <summary>The window size (kH, kW).</summary>
        public (long, long) kernel_size { get; }

        /// <summary>The stride (sH, sW); by default the kernel size.</summary>
        public (long, long) stride { get; }

        /// <summary>The implicit negative-infinity padding (pH, pW).</summary>
        public (long, long) padding { get; }

        /// <summary>The spacing between window elements (dH, dW).</summary>
        public (long, long) dilation { get; }

        /// <summary>Whether the output size is rounded up instead of down.</summary>
        public bool ceil_mode { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => nn.functional.max_pool2d(
            input,
            [kernel_size.Item1, kernel_size.Item2],
            [stride.Item1, stride.Item2],
            [padding.Item1, padding.Item2],
            [dilation.Item1, dilation.Item2],
            ceil_mode);

        /// <inheritdoc/>
        protected override string extra_repr() =>
            $"kernel_size={Repr.Pair(kernel_size)}, stride={Repr.Pair(stride)}, padding={Repr.Pair(padding)}, dilation={Repr.Pair(dilation)}, ceil_mode={Repr.Bool(ceil_mode)}";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>2-D max pooling with a square window.</summary>
            /// <param name="kernel_size">The window height and width.</param>
            /// <param name="stride">The stride; by default the kernel size.</param>
            /// <param name="padding">The implicit negative-infinity padding on each side.</param>
            /// <param name="dilation">The spacing between window elements.</param>
            /// <param name="ceil_mode">Round the output size up instead of down.</param>
            /// <returns>The layer.</returns>
            public static MaxPool2d MaxPool2d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                new((kernel_size, kernel_size), (stride ?? kernel_size, stride ?? kernel_size), (padding, padding), (dilation, dilation), ceil_mode);

            /// <summary>2-D max pooling with a rectangular window.</summary>
            /// <param name="kernel_size">The window size (kH, kW).</param>
            /// <param name="stride">The stride (sH, sW); by default the kernel size.</param>
            /// <param name="padding">The implicit negative-infinity padding (pH, pW).</param>
            /// <param name="dilation">The spacing between window elements (dH, dW).</param>
            /// <param name="ceil_mode">Round the output size up instead of down.</param>
            /// <returns>The layer.</returns>
            public static MaxPool2d MaxPool2d((long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, bool ceil_mode = false) =>
                new(kernel_size, stride ?? kernel_size, padding ?? (0, 0), dilation ?? (1, 1), ceil_mode);
        }
    }
}
