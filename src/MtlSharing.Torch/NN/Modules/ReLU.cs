using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>The rectifier max(0, x).</summary>
    public sealed class ReLU : nn.Module<Tensor, Tensor>
    {
        internal ReLU(bool inplace)
            : base(nameof(ReLU))
        {
            this.inplace = inplace;
        }

        /// <summary>Whether the input is overwritten (and returned) instead of a new tensor.</summary>
        public bool inplace { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => inplace ? input.relu_() : nn.functional.relu(input);

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
            /// <summary>The rectifier max(0, x).</summary>
            /// <param name="inplace">Overwrite the input instead of making a new tensor.</param>
            /// <returns>The layer.</returns>
            public static ReLU ReLU(bool inplace = false) => new(inplace);
        }
    }
}
