namespace RethinkingSharing;

/// <summary>The outcome of training one layout with one seed.</summary>
/// <param name="Layout">The layout.</param>
/// <param name="Blocks">For budgeted layouts, the k that ForBudget chose.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Accuracy">Test accuracy per task, in [0, 1].</param>
/// <param name="TaskSpecificShare">The task-specific parameter share the model reached.</param>
/// <param name="TotalParameters">Every parameter of the model.</param>
/// <param name="TrainingSeconds">Wall-clock training time.</param>
internal sealed record RunResult(
    LayoutSpec Layout,
    int? Blocks,
    int Seed,
    IReadOnlyDictionary<string, double> Accuracy,
    double TaskSpecificShare,
    long TotalParameters,
    double TrainingSeconds)
{
    public double MeanAccuracy => Accuracy.Values.Average();
}
