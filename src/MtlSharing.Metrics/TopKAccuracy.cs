using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Metrics;

/// <summary>
/// Streaming top-k accuracy: the fraction of counted samples whose target is among the k
/// highest-scoring classes.
/// </summary>
/// <remarks>
/// Classes are ranked by score, with equal scores ordered by the lower class index first (the order
/// under which <c>torch.argmax</c> picks the first maximal index). A sample is a hit when fewer than
/// k classes come before its target in that order. Hence top-1 accuracy equals
/// <see cref="Accuracy"/> exactly, ties included, and k ≥ C gives 1. (<c>torch.topk</c> does not
/// specify which of several tied classes it returns, so it is not used.)
/// </remarks>
public sealed class TopKAccuracy : IClassificationMetric
{
    private readonly ClassificationOptions options;

    /// <summary>Creates an empty top-k accuracy.</summary>
    /// <param name="k">How many of the best-scoring classes may contain the target; at least 1.</param>
    /// <param name="options">The ignore index; <see cref="ClassificationOptions.Default"/> when null.</param>
    public TopKAccuracy(int k, ClassificationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        this.options = options ?? ClassificationOptions.Default;
    }

    /// <summary>The number of best-scoring classes that may contain the target.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <summary>The number of counted samples whose target was among the top k.</summary>
    public long Hits { get; private set; }

    /// <inheritdoc/>
    public void Update(Tensor logits, Tensor targets, Tensor? mask = null) =>
        Accumulate(ClassificationBatch.Read(logits, targets, mask, options));

    /// <summary>The top-k accuracy so far, as a fraction in [0, 1].</summary>
    /// <returns><see cref="Hits"/> / <see cref="Count"/>.</returns>
    /// <exception cref="InvalidOperationException">No sample has been counted.</exception>
    public double Compute()
    {
        MetricGuard.RequireSamples(Count, $"top-{K} accuracy");
        return (double)Hits / Count;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Count = 0;
        Hits = 0;
    }

    /// <summary>Counts an already validated batch.</summary>
    internal void Accumulate(ClassificationBatch batch)
    {
        var hits = 0L;
        for (var i = 0; i < batch.Count; i++)
        {
            if (K >= batch.Classes || batch.TargetRank(i) < K)
            {
                hits++;
            }
        }

        Hits += hits;
        Count += batch.Count;
    }
}
