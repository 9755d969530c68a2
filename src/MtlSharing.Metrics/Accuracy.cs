using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Metrics;

/// <summary>
/// Streaming accuracy: the fraction of counted samples whose predicted class (the argmax of the
/// logits) equals the target. On tied scores the lowest class index is predicted, as
/// <c>torch.argmax</c> does.
/// </summary>
public sealed class Accuracy : IClassificationMetric
{
    private readonly ClassificationOptions options;

    /// <summary>Creates an empty accuracy.</summary>
    /// <param name="options">The ignore index; <see cref="ClassificationOptions.Default"/> when null.</param>
    public Accuracy(ClassificationOptions? options = null)
    {
        this.options = options ?? ClassificationOptions.Default;
    }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <summary>The number of counted samples predicted correctly.</summary>
    public long Correct { get; private set; }

    /// <inheritdoc/>
    public void Update(Tensor logits, Tensor targets, Tensor? mask = null) =>
        Accumulate(ClassificationBatch.Read(logits, targets, mask, options));

    /// <summary>The accuracy so far, as a fraction in [0, 1].</summary>
    /// <returns><see cref="Correct"/> / <see cref="Count"/>.</returns>
    /// <exception cref="InvalidOperationException">No sample has been counted.</exception>
    public double Compute()
    {
        MetricGuard.RequireSamples(Count, "accuracy");
        return (double)Correct / Count;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Count = 0;
        Correct = 0;
    }

    /// <summary>Counts an already validated batch.</summary>
    internal void Accumulate(ClassificationBatch batch)
    {
        var predictions = batch.Predictions;
        var correct = 0L;
        for (var i = 0; i < batch.Count; i++)
        {
            if (predictions[i] == batch.Targets[i])
            {
                correct++;
            }
        }

        Correct += correct;
        Count += batch.Count;
    }
}
