namespace RethinkingSharing;

/// <summary>The outcome of training one arm with one seed in one setting of the study.</summary>
/// <param name="Setting">Where the run belongs: part, backbone and tasks.</param>
/// <param name="Arm">The layout, budget and BatchNorm regime.</param>
/// <param name="Layers">For bottom and top: how many layers are task-specific.</param>
/// <param name="Seed">The seed: the same seed gives every arm the same shared initial weights and batches.</param>
/// <param name="Accuracy">Test accuracy per task, in [0, 1].</param>
/// <param name="TaskSpecificShare">The task-specific parameter share the model has.</param>
/// <param name="TotalParameters">Every parameter of the model.</param>
/// <param name="TrainingSeconds">Wall-clock training time.</param>
internal sealed record RunResult(
    StudySetting Setting,
    Arm Arm,
    int? Layers,
    int Seed,
    IReadOnlyDictionary<string, double> Accuracy,
    double TaskSpecificShare,
    long TotalParameters,
    double TrainingSeconds)
{
    public double MeanAccuracy => Accuracy.Values.Average();

    /// <summary>What identifies the run apart from its seed, e.g. "budgets/resnet18/T4/bottom@10%".</summary>
    public string Key => $"{Setting.Key}/{Arm.Label}";
}
