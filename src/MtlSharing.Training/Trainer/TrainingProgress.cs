namespace MtlSharing.Training;

/// <summary>
/// One event of a training run, sent through <see cref="TrainerOptions.Progress"/>. Epochs and
/// steps are zero-based indices; for events after an epoch's last step, <see cref="Step"/> equals
/// <see cref="StepsInEpoch"/>.
/// </summary>
/// <param name="Phase">What happened.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="Step">The step within the epoch.</param>
/// <param name="StepsInEpoch">The number of optimizer steps of the epoch.</param>
/// <param name="GlobalStep">The step counted from the start of training (across resumes).</param>
/// <param name="Losses">Each task's loss at this step (tasks without a labelled sample in the batch are absent); empty for other phases.</param>
/// <param name="Weights">The weight each task's loss got at this step; empty for other phases.</param>
/// <param name="LearningRate">The learning rate of the optimizer's first parameter group.</param>
/// <param name="Metrics">The evaluation metrics, for <see cref="TrainingPhase.Evaluated"/> and later events of the epoch; otherwise empty.</param>
/// <param name="SkippedBatches">The number of steps skipped so far for non-finite losses.</param>
/// <param name="CheckpointPath">The file written, for <see cref="TrainingPhase.CheckpointSaved"/>.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Epoch,
    int Step,
    int StepsInEpoch,
    long GlobalStep,
    IReadOnlyDictionary<string, double> Losses,
    IReadOnlyDictionary<string, double> Weights,
    double LearningRate,
    IReadOnlyDictionary<string, double> Metrics,
    long SkippedBatches,
    string? CheckpointPath = null);
