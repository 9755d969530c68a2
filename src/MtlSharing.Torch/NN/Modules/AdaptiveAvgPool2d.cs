using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>Average pooling to a fixed output size (H_out, W_out), whatever the input size.</summary>
    public sealed class AdaptiveAvgPool2d : nn.Module<Tensor, Tensor>
    {
        internal AdaptiveAvgPool2d((long, long) outputSize)
            : base(nameof(AdaptiveAvgPool2d))
        {
            if (outputSize.Item1 <= 0 || outputSize.Item2 <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "the output size must be positive");
            }

            output_size = outputSize;
        }

        /// <summary>The output size (H_out, W_out).</summary>
        public (long, long) output_size { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) =>
            nn.functional.adaptive_avg_pool2d(input, [output_size.Item1, output_size.Item2]);

        /// <inheritdoc/>
        protected override string extra_repr() =>
            $"output_size={(output_size.Item1 == output_size.Item2 ? output_size.Item1.ToString(System.Globalization.CultureInfo.InvariantCulture) : Repr.Pair(output_size))}";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Average pooling to a square output size, e.g. 1 for global average pooling.</summary>
            /// <param name="outputSize">The output height and width.</param>
            /// <returns>The layer.</returns>
            public static AdaptiveAvgPool2d AdaptiveAvgPool2d(long outputSize) => new((outputSize, outputSize));

            /// <summary>Average pooling to a fixed output size.</summary>
            /// <param name="outputSize">The output size (H_out, W_out).</param>
            /// <returns>The layer.</returns>
            public static AdaptiveAvgPool2d AdaptiveAvgPool2d((long, long) outputSize) => new(outputSize);
        }
    }
}
