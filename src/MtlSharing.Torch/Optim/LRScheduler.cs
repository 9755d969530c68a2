using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Learning-rate schedulers, named as in PyTorch and TorchSharp.</summary>
        public static partial class lr_scheduler
        {
            /// <summary>
            /// The base of every scheduler. It remembers each group's starting learning rate
            /// (<see cref="ParamGroup.InitialLearningRate"/>) and, on every <see cref="step"/>, sets each
            /// group's learning rate to a closed-form function of that rate and the epoch. A subclass
            /// supplies the function and calls <see cref="InitialStep"/> at the end of its constructor.
            /// </summary>
            public abstract class LRScheduler
            {
                private double[] baseLrs = [];
                private double[] lastLr = [];
                private long stepCount;

                /// <summary>Prepares a scheduler; nothing changes until <see cref="InitialStep"/>.</summary>
                /// <param name="optimizer">The optimizer whose learning rates are scheduled.</param>
                /// <param name="last_epoch">The index of the last epoch when resuming, or -1 to start afresh; resuming needs every group's initial_lr.</param>
                protected LRScheduler(Optimizer optimizer, long last_epoch = -1)
                {
                    ArgumentNullException.ThrowIfNull(optimizer);
                    ArgumentOutOfRangeException.ThrowIfLessThan(last_epoch, -1);
                    if (last_epoch != -1)
                    {
                        var missing = optimizer.param_groups.ToList().FindIndex(g => g.InitialLearningRate is null);
                        if (missing >= 0)
                        {
                            throw new ArgumentException($"resuming at last_epoch {last_epoch} needs initial_lr in every parameter group, but group {missing} has none; load the optimizer's state dict first, or pass last_epoch -1", nameof(last_epoch));
                        }
                    }

                    this.optimizer = optimizer;
                    this.last_epoch = last_epoch;
                }

                /// <summary>The optimizer whose learning rates are scheduled.</summary>
                public Optimizer optimizer { get; }

                /// <summary>The index of the current epoch (0 right after construction).</summary>
                public long last_epoch { get; private set; }

                /// <summary>The learning rate each group started from.</summary>
                public IReadOnlyList<double> base_lrs => baseLrs;

                /// <summary>Advances one epoch (or iteration) and sets every group's learning rate.</summary>
                public void step()
                {
                    stepCount++;
                    last_epoch++;
                    var groups = optimizer.param_groups;
                    if (groups.Count != baseLrs.Length)
                    {
                        throw new InvalidOperationException($"the optimizer has {groups.Count} parameter groups but the scheduler was made for {baseLrs.Length}; make a new scheduler after add_param_group");
                    }

                    var rates = baseLrs.Select(b => LearningRateAt(b, last_epoch)).ToArray();
                    for (var i = 0; i < groups.Count; i++)
                    {
                        groups[i].LearningRate = rates[i];
                    }

                    lastLr = rates;
                }

                /// <summary>The learning rates the last <see cref="step"/> set, one per group.</summary>
                /// <returns>A copy of the rates.</returns>
                public IReadOnlyList<double> get_last_lr() => lastLr.ToArray();

                /// <summary>
                /// The scheduler's progress as a flat dictionary: <c>last_epoch</c> and
                /// <c>_step_count</c> (0-dim int64), <c>base_lrs</c> and <c>_last_lr</c> (float64
                /// vectors). Its settings (step size, milestones, …) come from the constructor.
                /// </summary>
                /// <returns>New tensors that the caller owns.</returns>
                public Dictionary<string, Tensor> state_dict() => new()
                {
                    ["last_epoch"] = StateValues.Scalar(last_epoch),
                    ["_step_count"] = StateValues.Scalar(stepCount),
                    ["base_lrs"] = StateValues.Vector(baseLrs),
                    ["_last_lr"] = StateValues.Vector(lastLr),
                };

                /// <summary>
                /// Restores progress saved by <see cref="state_dict"/>; checks everything first and
                /// changes nothing on error. The optimizer's learning rates are restored by its own state dict.
                /// </summary>
                /// <param name="state_dict">The saved progress.</param>
                public void load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict)
                {
                    ArgumentNullException.ThrowIfNull(state_dict);
                    try
                    {
                        var epoch = StateValues.ReadLong(state_dict, "last_epoch");
                        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, -1, "last_epoch");
                        var count = StateValues.ReadLong(state_dict, "_step_count");
                        ArgumentOutOfRangeException.ThrowIfNegative(count, "_step_count");
                        var groupCount = optimizer.param_groups.Count;
                        var bases = StateValues.ReadDoubles(state_dict, "base_lrs", groupCount);
                        var last = StateValues.ReadDoubles(state_dict, "_last_lr", groupCount);
                        (last_epoch, stepCount, baseLrs, lastLr) = (epoch, count, bases, last);
                    }
                    catch (Exception e) when (e is ArgumentException or ObjectDisposedException)
                    {
                        throw new ArgumentException($"cannot load the scheduler state: {e.Message}", nameof(state_dict), e);
                    }
                }

                /// <summary>The learning rate of a group at an epoch.</summary>
                /// <param name="base_lr">The group's initial learning rate.</param>
                /// <param name="epoch">The epoch, 0 or more.</param>
                /// <returns>The learning rate.</returns>
                protected internal abstract double LearningRateAt(double base_lr, long epoch);

                /// <summary>
                /// Starts the schedule, as PyTorch's constructors do: records initial_lr in groups that
                /// have none (when starting afresh), takes them as <see cref="base_lrs"/> and steps to
                /// epoch <see cref="last_epoch"/> + 1. Call it last in a subclass constructor.
                /// </summary>
                protected void InitialStep()
                {
                    foreach (var group in optimizer.param_groups)
                    {
                        group.InitialLearningRate ??= group.LearningRate;
                    }

                    baseLrs = optimizer.param_groups.Select(g => g.InitialLearningRate!.Value).ToArray();
                    stepCount = 0;
                    step();
                }
            }
        }
    }
}
