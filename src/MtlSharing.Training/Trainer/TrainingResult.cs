namespace MtlSharing.Training;

/// <summary>The outcome of <see cref="MultiTaskTrainer.Train"/>.</summary>
/// <param name="Epochs">The epochs finished during this call, in order.</param>
/// <param name="NextEpoch">The epoch training would continue with.</param>
/// <param name="GlobalStep">The number of steps taken since the start of training (across resumes).</param>
/// <param name="SkippedBatches">The number of steps skipped for non-finite losses since the start of training.</param>
/// <param name="BestMetric">The best value of the kept metric so far, if any.</param>
/// <param name="BestEpoch">The epoch that reached <see cref="BestMetric"/>, if any.</param>
/// <param name="StoppedEarly">Whether training stopped because the kept metric stopped improving.</param>
/// <param name="ReachedMaxSteps">Whether training stopped at <see cref="TrainerOptions.MaxSteps"/>.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochSummary> Epochs,
    int NextEpoch,
    long GlobalStep,
    long SkippedBatches,
    double? BestMetric,
    int? BestEpoch,
    bool StoppedEarly,
    bool ReachedMaxSteps);
