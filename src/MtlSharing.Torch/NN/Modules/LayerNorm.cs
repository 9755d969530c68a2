using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>Layer normalisation over the trailing dimensions given by normalized_shape.</summary>
    public sealed class LayerNorm : nn.Module<Tensor, Tensor>
    {
        private readonly long[] normalizedShape;

        internal LayerNorm(long[] normalized_shape, double eps, bool elementwise_affine)
            : base(nameof(LayerNorm))
        {
            ArgumentNullException.ThrowIfNull(normalized_shape);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eps);
            if (normalized_shape.Length == 0 || normalized_shape.Any(d => d <= 0))
            {
                throw new ArgumentException($"normalized_shape must be non-empty and positive; got [{string.Join(", ", normalized_shape)}]", nameof(normalized_shape));
            }

            normalizedShape = [.. normalized_shape];
            this.eps = eps;
            this.elementwise_affine = elementwise_affine;
            register_parameter(nameof(weight), elementwise_affine ? ParameterStorage.Full(1, normalizedShape) : null);
            register_parameter(nameof(bias), elementwise_affine ? ParameterStorage.Full(0, normalizedShape) : null);
        }

        /// <summary>The trailing shape normalised over.</summary>
        public long[] normalized_shape => [.. normalizedShape];

        /// <summary>Added to the variance for numerical stability.</summary>
        public double eps { get; }

        /// <summary>Whether the layer learns an elementwise scale and shift.</summary>
        public bool elementwise_affine { get; }

        /// <summary>The elementwise scale (initially ones), or null.</summary>
        public Parameter? weight => OwnParameter(nameof(weight));

        /// <summary>The elementwise shift (initially zeros), or null.</summary>
        public Parameter? bias => OwnParameter(nameof(bias));

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, normalizedShape, weight, bias, eps);

        /// <inheritdoc/>
        protected override string extra_repr() =>
            $"({string.Join(", ", normalizedShape)}{(normalizedShape.Length == 1 ? "," : string.Empty)}), eps={Repr.Number(eps)}, elementwise_affine={Repr.Bool(elementwise_affine)}";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Layer normalisation over the trailing dimensions, initialised to weight 1 and bias 0.</summary>
            /// <param name="normalized_shape">The trailing shape to normalise over.</param>
            /// <param name="eps">Added to the variance for numerical stability.</param>
            /// <param name="elementwise_affine">Whether to learn an elementwise scale and shift.</param>
            /// <returns>The layer.</returns>
            public static LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-05, bool elementwise_affine = true) =>
                new(normalized_shape, eps, elementwise_affine);

            /// <summary>Layer normalisation over the last dimension, initialised to weight 1 and bias 0.</summary>
            /// <param name="normalized_shape">The size of the last dimension.</param>
            /// <param name="eps">Added to the variance for numerical stability.</param>
            /// <param name="elementwise_affine">Whether to learn an elementwise scale and shift.</param>
            /// <returns>The layer.</returns>
            public static LayerNorm LayerNorm(long normalized_shape, double eps = 1e-05, bool elementwise_affine = true) =>
                new([normalized_shape], eps, elementwise_affine);
        }
    }
}
