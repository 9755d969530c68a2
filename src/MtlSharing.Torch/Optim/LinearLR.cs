using static MtlSharing.Torch.torch.optim;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// Scales the learning rate by a factor that moves linearly from start_factor to end_factor over
/// total_iters epochs, then stays at end_factor: the usual linear warmup. As in PyTorch,
/// lr = base_lr · (start + (end − start) · min(epoch, total_iters) / total_iters).
/// </summary>
public sealed class LinearLR : lr_scheduler.LRScheduler
{
    private readonly double startFactor;
    private readonly double endFactor;
    private readonly int totalIters;

    /// <summary>Makes the scheduler and sets the learning rates of epoch 0 (or last_epoch + 1).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="start_factor">The factor at epoch 0; in [0, 1].</param>
    /// <param name="end_factor">The factor from epoch total_iters on; in [0, 1].</param>
    /// <param name="total_iters">The number of epochs of the ramp; positive.</param>
    /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
    public LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        startFactor = Factor(start_factor, nameof(start_factor));
        endFactor = Factor(end_factor, nameof(end_factor));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total_iters);
        totalIters = total_iters;
        InitialStep();
    }

    /// <inheritdoc/>
    protected internal override double LearningRateAt(double base_lr, long epoch) =>
        base_lr * (startFactor + ((endFactor - startFactor) * Math.Min(totalIters, epoch) / totalIters));

    private static double Factor(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1]; got {value}");
        }

        return value;
    }
}
