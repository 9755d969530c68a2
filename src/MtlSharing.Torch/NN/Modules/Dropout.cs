using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>
    /// In training, zeroes each element with probability p and scales the others by 1 / (1 − p);
    /// in evaluation, returns the input unchanged.
    /// </summary>
    public sealed class Dropout : nn.Module<Tensor, Tensor>
    {
        internal Dropout(double p)
            : base(nameof(Dropout))
        {
            if (p is < 0 or > 1 || double.IsNaN(p))
            {
                throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be between 0 and 1");
            }

            this.p = p;
        }

        /// <summary>The probability of zeroing an element.</summary>
        public double p { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training);

        /// <inheritdoc/>
        protected override string extra_repr() => $"p={Repr.Number(p)}, inplace=False";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Dropout: zeroes elements with probability p in training mode.</summary>
            /// <param name="p">The probability of zeroing an element.</param>
            /// <returns>The layer.</returns>
            public static Dropout Dropout(double p = 0.5) => new(p);
        }
    }
}
