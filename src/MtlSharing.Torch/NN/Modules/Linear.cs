using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>A fully connected layer: y = x Wᵀ + b, with W of shape [out_features, in_features].</summary>
    public sealed class Linear : nn.Module<Tensor, Tensor>
    {
        internal Linear(long inputSize, long outputSize, bool hasBias)
            : base(nameof(Linear))
        {
            ArgumentOutOfRangeException.ThrowIfNegative(inputSize);
            ArgumentOutOfRangeException.ThrowIfNegative(outputSize);
            in_features = inputSize;
            out_features = outputSize;
            register_parameter(nameof(weight), ParameterStorage.Empty(outputSize, inputSize));
            register_parameter(nameof(bias), hasBias ? ParameterStorage.Empty(outputSize) : null);
            reset_parameters();
        }

        /// <summary>The size of each input sample.</summary>
        public long in_features { get; }

        /// <summary>The size of each output sample.</summary>
        public long out_features { get; }

        /// <summary>The weight, of shape [out_features, in_features]. Setting it does not dispose the old one.</summary>
        public Parameter weight
        {
            get => OwnParameter(nameof(weight))!;
            set => register_parameter(nameof(weight), value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>The bias, of shape [out_features], or null. Setting it does not dispose the old one.</summary>
        public Parameter? bias
        {
            get => OwnParameter(nameof(bias));
            set => register_parameter(nameof(bias), value);
        }

        /// <summary>
        /// Re-initialises as PyTorch does: weight from kaiming_uniform_(a = √5), i.e.
        /// U(−1/√in_features, 1/√in_features), and bias from the same range.
        /// </summary>
        public void reset_parameters() => ParameterStorage.ResetAffine(weight, bias);

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

        /// <inheritdoc/>
        protected override string extra_repr() =>
            $"in_features={in_features}, out_features={out_features}, bias={Repr.Bool(bias is not null)}";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A fully connected layer, initialised as in PyTorch.</summary>
            /// <param name="inputSize">The size of each input sample (in_features).</param>
            /// <param name="outputSize">The size of each output sample (out_features).</param>
            /// <param name="hasBias">Whether to learn an additive bias.</param>
            /// <returns>The layer.</returns>
            public static Linear Linear(long inputSize, long outputSize, bool hasBias = true) => new(inputSize, outputSize, hasBias);
        }
    }
}
