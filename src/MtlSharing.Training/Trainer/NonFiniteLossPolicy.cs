namespace MtlSharing.Training;

/// <summary>What the trainer does when a task's loss is NaN or infinite.</summary>
public enum NonFiniteLossPolicy
{
    /// <summary>
    /// Stop training with a <see cref="NonFiniteLossException"/> naming the task, epoch and step.
    /// As under <see cref="SkipBatch"/>, the weights are not updated and the model's buffers are
    /// put back as they were before the step.
    /// </summary>
    Throw,

    /// <summary>
    /// Skip the whole step: no gradient, no optimizer update, and the model's buffers (e.g.
    /// BatchNorm running statistics) are put back as they were before the step. Skips are counted
    /// in <see cref="TrainingResult.SkippedBatches"/> and saved in checkpoints.
    /// </summary>
    SkipBatch,
}
