using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>
    /// A 2-D convolution over [N, C_in, H, W] inputs, with kernels of shape
    /// [out_channels, in_channels / groups, kH, kW] and zero padding.
    /// </summary>
    public sealed class Conv2d : nn.Module<Tensor, Tensor>
    {
        internal Conv2d(long inChannels, long outChannels, (long, long) kernelSize, (long, long) stride, (long, long) padding, (long, long) dilation, long groups, bool bias)
            : base(nameof(Conv2d))
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
            RequirePositive(kernelSize, nameof(kernelSize));
            RequirePositive(stride, nameof(stride));
            RequirePositive(dilation, nameof(dilation));
            if (padding.Item1 < 0 || padding.Item2 < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding must be non-negative");
            }

            if (inChannels % groups != 0 || outChannels % groups != 0)
            {
                throw new ArgumentException($"in_channels ({inChannels}) and out_channels ({outChannels}) must both be divisible by groups ({groups})", nameof(groups));
            }

            in_channels = inChannels;
            out_channels = outChannels;
            kernel_size = kernelSize;
            this.stride = stride;
            this.padding = padding;
            this.dilation = dilation;
            this.groups = groups;
            register_parameter(nameof(weight), ParameterStorage.Empty(outChannels, inChannels / groups, kernelSize.Item1, kernelSize.Item2));
            register_parameter(nameof(this.bias), bias ? ParameterStorage.Empty(outChannels) : null);
            reset_parameters();
        }

        /// <summary>The number of input channels.</summary>
        public long in_channels { get; }

        /// <summary>The number of output channels.</summary>
        public long out_channels { get; }

        /// <summary>The kernel size (kH, kW).</summary>
        public (long, long) kernel_size { get; }

        /// <summary>The stride (sH, sW).</summary>
        public (long, long) stride { get; }

        /// <summary>The zero padding on each side (pH, pW).</summary>
        public (long, long) padding { get; }

        /// <summary>The spacing between kernel elements (dH, dW).</summary>
        public (long, long) dilation { get; }

        /// <summary>The number of channel groups.</summary>
        public long groups { get; }

        /// <summary>The kernels, of shape [out_channels, in_channels / groups, kH, kW]. Setting it does not dispose the old one.</summary>
        public Parameter weight
        {
            get => OwnParameter(nameof(weight))!;
            set => register_parameter(nameof(weight), value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>The bias, of shape [out_channels], or null. Setting it does not dispose the old one.</summary>
        public Parameter? bias
        {
            get => OwnParameter(nameof(bias));
            set => register_parameter(nameof(bias), value);
        }

        /// <summary>
        /// Re-initialises as PyTorch does: weight from kaiming_uniform_(a = √5), i.e.
        /// U(−1/√fan_in, 1/√fan_in) with fan_in = in_channels / groups × kH × kW, and bias from the same range.
        /// </summary>
        public void reset_parameters() => ParameterStorage.ResetAffine(weight, bias);

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => nn.functional.conv2d(
            input,
            weight,
            bias,
            [stride.Item1, stride.Item2],
            [padding.Item1, padding.Item2],
            [dilation.Item1, dilation.Item2],
            groups);

        /// <inheritdoc/>
        protected override string extra_repr()
        {
            var text = $"{in_channels}, {out_channels}, kernel_size={Repr.Pair(kernel_size)}, stride={Repr.Pair(stride)}";
            text += padding != (0, 0) ? $", padding={Repr.Pair(padding)}" : string.Empty;
            text += dilation != (1, 1) ? $", dilation={Repr.Pair(dilation)}" : string.Empty;
            text += groups != 1 ? $", groups={groups}" : string.Empty;
            return text + (bias is null ? ", bias=False" : string.Empty);
        }

        private static void RequirePositive((long, long) value, string name)
        {
            if (value.Item1 <= 0 || value.Item2 <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
            }
        }
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A 2-D convolution with square kernels, initialised as in PyTorch.</summary>
            /// <param name="in_channels">The number of input channels.</param>
            /// <param name="out_channels">The number of output channels.</param>
            /// <param name="kernelSize">The kernel height and width.</param>
            /// <param name="stride">The stride.</param>
            /// <param name="padding">The zero padding on each side.</param>
            /// <param name="dilation">The spacing between kernel elements.</param>
            /// <param name="groups">The number of channel groups.</param>
            /// <param name="bias">Whether to learn an additive bias.</param>
            /// <returns>The layer.</returns>
            public static Conv2d Conv2d(long in_channels, long out_channels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true) =>
                new(in_channels, out_channels, (kernelSize, kernelSize), (stride, stride), (padding, padding), (dilation, dilation), groups, bias);

            /// <summary>A 2-D convolution with rectangular kernels, initialised as in PyTorch.</summary>
            /// <param name="in_channels">The number of input channels.</param>
            /// <param name="out_channels">The number of output channels.</param>
            /// <param name="kernelSize">The kernel size (kH, kW).</param>
            /// <param name="stride">The stride (sH, sW); default (1, 1).</param>
            /// <param name="padding">The zero padding (pH, pW); default (0, 0).</param>
            /// <param name="dilation">The dilation (dH, dW); default (1, 1).</param>
            /// <param name="groups">The number of channel groups.</param>
            /// <param name="bias">Whether to learn an additive bias.</param>
            /// <returns>The layer.</returns>
            public static Conv2d Conv2d(long in_channels, long out_channels, (long, long) kernelSize, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, long groups = 1, bool bias = true) =>
                new(in_channels, out_channels, kernelSize, stride ?? (1, 1), padding ?? (0, 0), dilation ?? (1, 1), groups, bias);
        }
    }
}
