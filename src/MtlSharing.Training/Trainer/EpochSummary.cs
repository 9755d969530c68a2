namespace MtlSharing.Training;

/// <summary>What one finished epoch produced.</summary>
/// <param name="Epoch">The epoch (zero-based).</param>
/// <param name="MeanLosses">Each task's mean training loss over the epoch's steps that had a finite loss for it.</param>
/// <param name="Metrics">The evaluation metrics (empty without <see cref="TrainerOptions.Evaluate"/>).</param>
/// <param name="Improved">Whether the kept metric improved on the best so far (false without <see cref="TrainerOptions.KeepBestBy"/>).</param>
public sealed record EpochSummary(
    int Epoch,
    IReadOnlyDictionary<string, double> MeanLosses,
    IReadOnlyDictionary<string, double> Metrics,
    bool Improved);
