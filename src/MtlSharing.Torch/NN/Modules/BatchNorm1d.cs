using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>Batch normalisation of [N, C] or [N, C, L] inputs; see <see cref="BatchNorm"/>.</summary>
    public sealed class BatchNorm1d : BatchNorm
    {
        internal BatchNorm1d(long features, double eps, double? momentum, bool affine, bool track_running_stats)
            : base(nameof(BatchNorm1d), features, eps, momentum, affine, track_running_stats)
        {
        }

        private protected override void CheckInput(Tensor input)
        {
            var rank = input.dim();
            if (rank is not (2 or 3))
            {
                throw new ArgumentException($"BatchNorm1d expected 2D or 3D input (got {rank}D input)", nameof(input));
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
            /// <summary>Batch normalisation of [N, C] or [N, C, L] inputs, as in PyTorch.</summary>
            /// <param name="features">The number of channels C (num_features).</param>
            /// <param name="eps">Added to the variance for numerical stability.</param>
            /// <param name="momentum">The running-average factor, or null for a cumulative average.</param>
            /// <param name="affine">Whether to learn a per-channel scale and shift.</param>
            /// <param name="track_running_stats">Whether to keep running statistics.</param>
            /// <returns>The layer.</returns>
            public static BatchNorm1d BatchNorm1d(long features, double eps = 1e-05, double? momentum = 0.1, bool affine = true, bool track_running_stats = true) =>
                new(features, eps, momentum, affine, track_running_stats);
        }
    }
}
