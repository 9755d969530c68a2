namespace MtlSharing.Training;

/// <summary>What a <see cref="TrainingProgress"/> event reports.</summary>
public enum TrainingPhase
{
    /// <summary>An optimizer step finished; the event carries its per-task losses and weights.</summary>
    Training,

    /// <summary>A step was skipped because a loss was not finite (<see cref="NonFiniteLossPolicy.SkipBatch"/>).</summary>
    BatchSkipped,

    /// <summary>An epoch ended and the model was evaluated; the event carries the metrics.</summary>
    Evaluated,

    /// <summary>A checkpoint file was written; the event carries its path.</summary>
    CheckpointSaved,

    /// <summary>Training stopped because the kept metric did not improve for the configured patience.</summary>
    EarlyStopped,
}
