using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>Batch normalisation of [N, C, H, W] inputs; see <see cref="BatchNorm"/>.</summary>
    public sealed class BatchNorm2d : BatchNorm
    {
        internal BatchNorm2d(long features, double eps, double? momentum, bool affine, bool track_running_stats)
            : base(nameof(BatchNorm2d), features, eps, momentum, affine, track_running_stats)
        {
        }

        private protected override void CheckInput(Tensor input)
        {
            var rank = input.dim();
            if (rank != 4)
            {
                throw new ArgumentException($"BatchNorm2d expected 4D input (got {rank}D input)", nameof(input));
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
            /// <summary>Batch normalisation of [N, C, H, W] inputs, as in PyTorch.</summary>
            /// <param name="features">The number of channels C (num_features).</param>
            /// <param name="eps">Added to the variance for numerical stability.</param>
            /// <param name="momentum">The running-average factor, or null for a cumulative average.</param>
            /// <param name="affine">Whether to learn a per-channel scale and shift.</param>
            /// <param name="track_running_stats">Whether to keep running statistics.</param>
            /// <returns>The layer.</returns>
            public static BatchNorm2d BatchNorm2d(long features, double eps = 1e-05, double? momentum = 0.1, bool affine = true, bool track_running_stats = true) =>
                new(features, eps, momentum, affine, track_running_stats);
        }
    }
}
