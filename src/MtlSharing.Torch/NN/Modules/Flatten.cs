using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>Flattens a range of dimensions into one.</summary>
    public sealed class Flatten : nn.Module<Tensor, Tensor>
    {
        internal Flatten(long startDim, long endDim)
            : base(nameof(Flatten))
        {
            start_dim = startDim;
            end_dim = endDim;
        }

        /// <summary>The first dimension flattened.</summary>
        public long start_dim { get; }

        /// <summary>The last dimension flattened.</summary>
        public long end_dim { get; }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            return input.flatten(start_dim, end_dim);
        }

        /// <inheritdoc/>
        protected override string extra_repr() => $"start_dim={start_dim}, end_dim={end_dim}";
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Flattens dimensions startDim … endDim into one (by default all but the batch dimension).</summary>
            /// <param name="startDim">The first dimension to flatten.</param>
            /// <param name="endDim">The last dimension to flatten.</param>
            /// <returns>The layer.</returns>
            public static Flatten Flatten(long startDim = 1, long endDim = -1) => new(startDim, endDim);
        }
    }
}
