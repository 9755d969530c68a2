namespace MtlSharing.Metrics;

/// <summary>
/// A streaming metric: it is updated batch by batch, keeps only running counts (never the tensors it
/// was given), and can be reset to start a new evaluation pass.
/// </summary>
public interface IMetric
{
    /// <summary>The number of samples counted since construction or the last <see cref="Reset"/>.</summary>
    long Count { get; }

    /// <summary>Forgets everything counted so far.</summary>
    void Reset();
}
