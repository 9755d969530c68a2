using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>The clipped rectifier min(max(0, x), 6).</summary>
    public sealed class ReLU6 : nn.Module<Tensor, Tensor>
    {
        internal ReLU6(bool inplace)
            : base(nameof(ReLU6))
        {
            this.inplace = inplace;
        }

        /// <summary>Whether the input is overwritten (and returned) instead of a new tensor.</summary>
        public bool inplace { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => inplace ? input.clamp_(0, 6) : nn.functional.relu6(input);

        /// <inheritdoc/>
        protected override string extra_repr() => inplace ? "inplace=True" : string.Empty;
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>The clipped rectifier min(max(0, x), 6).</summary>
            /// <param name="inplace">Overwrite the input instead of making a new tensor.</param>
            /// <returns>The layer.</returns>
            public static ReLU6 ReLU6(bool inplace = false) => new(inplace);
        }
    }
}
