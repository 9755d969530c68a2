using static MtlSharing.Torch.torch.optim;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// Multiplies the learning rate by gamma at each milestone epoch:
/// lr = base_lr · gamma^(number of milestones ≤ epoch).
/// </summary>
public sealed class MultiStepLR : lr_scheduler.LRScheduler
{
    private readonly int[] milestones;
    private readonly double gamma;

    /// <summary>Makes the scheduler and sets the learning rates of epoch 0 (or last_epoch + 1).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="milestones">The epochs at which to decay, non-negative; a repeated milestone decays once per repetition.</param>
    /// <param name="gamma">The decay factor; non-negative.</param>
    /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var sorted = milestones.Order().ToArray();
        if (sorted.Length > 0 && sorted[0] < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milestones), sorted[0], $"milestones must be non-negative epochs; got {sorted[0]}");
        }

        if (!(gamma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"gamma must be a non-negative number; got {gamma}");
        }

        this.milestones = sorted;
        this.gamma = gamma;
        InitialStep();
    }

    /// <inheritdoc/>
    protected internal override double LearningRateAt(double base_lr, long epoch) =>
        base_lr * Math.Pow(gamma, milestones.Count(m => m <= epoch));
}
