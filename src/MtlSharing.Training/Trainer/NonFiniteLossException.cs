namespace MtlSharing.Training;

/// <summary>A task's loss was NaN or infinite, and <see cref="TrainerOptions.NonFiniteLoss"/> is <see cref="NonFiniteLossPolicy.Throw"/>.</summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Makes the exception.</summary>
    /// <param name="task">The task whose loss was not finite.</param>
    /// <param name="epoch">The epoch (zero-based).</param>
    /// <param name="step">The step within the epoch (zero-based).</param>
    /// <param name="globalStep">The step counted from the start of training.</param>
    /// <param name="loss">The loss value.</param>
    public NonFiniteLossException(string task, int epoch, int step, long globalStep, double loss)
        : base($"the loss of task '{task}' is {loss} at epoch {epoch}, step {step} (global step {globalStep}); training stopped before the update, so the last checkpoint is the last good state. Check that task's inputs and labels, lower the learning rate or clip gradients, or set NonFiniteLoss = SkipBatch to skip such batches")
    {
        Task = task;
        Epoch = epoch;
        Step = step;
        GlobalStep = globalStep;
        Loss = loss;
    }

    /// <summary>The task whose loss was not finite.</summary>
    public string Task { get; }

    /// <summary>The epoch (zero-based).</summary>
    public int Epoch { get; }

    /// <summary>The step within the epoch (zero-based).</summary>
    public int Step { get; }

    /// <summary>The step counted from the start of training.</summary>
    public long GlobalStep { get; }

    /// <summary>The loss value (NaN or an infinity).</summary>
    public double Loss { get; }
}
