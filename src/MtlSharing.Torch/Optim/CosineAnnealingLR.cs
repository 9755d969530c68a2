using static MtlSharing.Torch.torch.optim;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// Cosine annealing from each group's initial learning rate down to eta_min over T_max epochs
/// (PyTorch's closed form): lr = eta_min + (base_lr − eta_min)·(1 + cos(π·epoch / T_max)) / 2.
/// Past T_max the cosine continues, rising again, as in PyTorch.
/// </summary>
public sealed class CosineAnnealingLR : lr_scheduler.LRScheduler
{
    private readonly int tMax;
    private readonly double etaMin;

    /// <summary>Makes the scheduler and sets the learning rates of epoch 0 (or last_epoch + 1).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="T_max">The number of epochs of the half cosine; positive.</param>
    /// <param name="eta_min">The smallest learning rate; non-negative.</param>
    /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
    public CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(T_max);
        if (!(eta_min >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eta_min), eta_min, $"eta_min must be a non-negative number; got {eta_min}");
        }

        tMax = T_max;
        etaMin = eta_min;
        InitialStep();
    }

    /// <inheritdoc/>
    protected internal override double LearningRateAt(double base_lr, long epoch) =>
        etaMin + ((base_lr - etaMin) * (1 + Math.Cos(Math.PI * epoch / tMax)) / 2);
}
