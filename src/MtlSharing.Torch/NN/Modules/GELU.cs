using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>The Gaussian error linear unit x Φ(x), exact or with the tanh approximation.</summary>
    public sealed class GELU : nn.Module<Tensor, Tensor>
    {
        internal GELU(string approximate)
            : base(nameof(GELU))
        {
            ArgumentNullException.ThrowIfNull(approximate);
            if (approximate is not ("none" or "tanh"))
            {
                throw new ArgumentException($"approximate must be \"none\" or \"tanh\"; got \"{approximate}\"", nameof(approximate));
            }

            this.approximate = approximate;
        }

        /// <summary>"none" (exact) or "tanh".</summary>
        public string approximate { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => nn.functional.gelu(input, approximate);

        /// <inheritdoc/>
        protected override string extra_repr() => $"approximate='{approximate}'";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>The Gaussian error linear unit x Φ(x).</summary>
            /// <param name="approximate">"none" (exact) or "tanh".</param>
            /// <returns>The layer.</returns>
            public static GELU GELU(string approximate = "none") => new(approximate);
        }
    }
}
