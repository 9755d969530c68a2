namespace MtlSharing.Metrics;

/// <summary>Options shared by the classification metrics.</summary>
public sealed record ClassificationOptions
{
    /// <summary>The options used when none are given.</summary>
    public static ClassificationOptions Default { get; } = new();

    /// <summary>
    /// Targets equal to this value are skipped, like PyTorch's <c>ignore_index</c>; −100 by default,
    /// which is how single-input multi-task datasets mark a missing label. Null skips nothing by value
    /// (a mask can still skip samples).
    /// </summary>
    public long? IgnoreIndex { get; init; } = -100;
}
