using static MtlSharing.Torch.torch.optim;

namespace MtlSharing.Torch.Modules;

/// <summary>Multiplies the learning rate by gamma every <c>step_size</c> epochs: lr = base_lr · gamma^⌊epoch / step_size⌋.</summary>
public sealed class StepLR : lr_scheduler.LRScheduler
{
    private readonly int stepSize;
    private readonly double gamma;

    /// <summary>Makes the scheduler and sets the learning rates of epoch 0 (or last_epoch + 1).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="step_size">The number of epochs between decays; positive.</param>
    /// <param name="gamma">The decay factor; non-negative.</param>
    /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step_size);
        if (!(gamma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"gamma must be a non-negative number; got {gamma}");
        }

        stepSize = step_size;
        this.gamma = gamma;
        InitialStep();
    }

    /// <inheritdoc/>
    protected internal override double LearningRateAt(double base_lr, long epoch) =>
        base_lr * Math.Pow(gamma, epoch / stepSize);
}
