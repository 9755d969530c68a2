namespace MtlSharing.Training;

/// <summary>What one step did.</summary>
/// <param name="Losses">Each task's loss (tasks without a labelled sample in the batch are absent).</param>
/// <param name="Weights">The weighting's weights for the step.</param>
/// <param name="SkippedTask">The task whose non-finite loss made the step be skipped, or null.</param>
/// <param name="SkippedLoss">That loss.</param>
internal sealed record StepOutcome(
    IReadOnlyDictionary<string, double> Losses,
    IReadOnlyDictionary<string, double> Weights,
    string? SkippedTask = null,
    double SkippedLoss = 0)
{
    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();

    /// <summary>Whether the step was skipped.</summary>
    public bool Skipped => SkippedTask is not null;

    /// <summary>A step whose batch had no labelled sample for any of its tasks: nothing to learn.</summary>
    public static StepOutcome Unlabelled { get; } = new(None, None);

    /// <summary>A step skipped for a non-finite loss.</summary>
    /// <param name="task">The task.</param>
    /// <param name="loss">Its loss.</param>
    /// <returns>The outcome.</returns>
    public static StepOutcome Skip(string task, double loss) => new(None, None, task, loss);
}
