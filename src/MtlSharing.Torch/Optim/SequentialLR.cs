using static MtlSharing.Torch.torch.optim;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// Runs schedulers one after another, switching at milestone epochs; each scheduler restarts its
/// own schedule from epoch 0 when it takes over, as in PyTorch. The typical use is a
/// <see cref="LinearLR"/> warmup followed by <see cref="CosineAnnealingLR"/>. The wrapped
/// schedulers serve as schedules only: this scheduler's <see cref="lr_scheduler.LRScheduler.last_epoch"/>
/// and state dict hold the progress.
/// </summary>
public sealed class SequentialLR : lr_scheduler.LRScheduler
{
    private readonly lr_scheduler.LRScheduler[] schedulers;
    private readonly int[] milestones;

    /// <summary>Makes the scheduler and sets the learning rates of epoch 0 (or last_epoch + 1).</summary>
    /// <param name="optimizer">The optimizer; every scheduler must belong to it.</param>
    /// <param name="schedulers">The schedulers, in order; at least one.</param>
    /// <param name="milestones">The epochs at which the next scheduler takes over: one fewer than the schedulers, positive and increasing.</param>
    /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
    public SequentialLR(Optimizer optimizer, IEnumerable<lr_scheduler.LRScheduler> schedulers, IEnumerable<int> milestones, long last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        ArgumentNullException.ThrowIfNull(milestones);
        this.schedulers = schedulers.ToArray();
        this.milestones = milestones.ToArray();
        if (this.schedulers.Length == 0)
        {
            throw new ArgumentException("SequentialLR needs at least one scheduler", nameof(schedulers));
        }

        var foreign = Array.FindIndex(this.schedulers, s => s is null || !ReferenceEquals(s.optimizer, optimizer));
        if (foreign >= 0)
        {
            throw new ArgumentException($"scheduler {foreign} is null or belongs to another optimizer; all must schedule the optimizer given to SequentialLR", nameof(schedulers));
        }

        if (this.milestones.Length != this.schedulers.Length - 1)
        {
            throw new ArgumentException($"{this.schedulers.Length} schedulers need {this.schedulers.Length - 1} milestones; got {this.milestones.Length}", nameof(milestones));
        }

        for (var i = 0; i < this.milestones.Length; i++)
        {
            if (this.milestones[i] <= (i == 0 ? 0 : this.milestones[i - 1]))
            {
                throw new ArgumentOutOfRangeException(nameof(milestones), this.milestones[i], $"milestones must be positive and increasing; got [{string.Join(", ", this.milestones)}]");
            }
        }

        InitialStep();
    }

    /// <inheritdoc/>
    protected internal override double LearningRateAt(double base_lr, long epoch)
    {
        var index = milestones.Count(m => m <= epoch);
        var start = index == 0 ? 0 : milestones[index - 1];
        return schedulers[index].LearningRateAt(base_lr, epoch - start);
    }
}
