using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Metrics;

/// <summary>
/// Accuracy, top-k accuracies and a confusion matrix for one classification task, updated together:
/// each batch is validated and copied out of its tensors once.
/// </summary>
public sealed class ClassificationMetrics : IClassificationMetric
{
    private readonly ClassificationOptions options;
    private readonly TopKAccuracy[] topK;

    /// <summary>Creates empty metrics for a task with <paramref name="numClasses"/> classes.</summary>
    /// <param name="numClasses">The number of classes C; logits must have exactly C columns.</param>
    /// <param name="topK">The k values to report top-k accuracy for (for example 5); none when null.</param>
    /// <param name="options">The ignore index; <see cref="ClassificationOptions.Default"/> when null.</param>
    public ClassificationMetrics(int numClasses, IEnumerable<int>? topK = null, ClassificationOptions? options = null)
    {
        this.options = options ?? ClassificationOptions.Default;
        ConfusionMatrix = new ConfusionMatrix(numClasses, this.options);
        Accuracy = new Accuracy(this.options);
        var ks = (topK ?? []).ToArray();
        var repeated = ks.GroupBy(k => k).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"top-k value {repeated.Key} is listed more than once", nameof(topK));
        }

        this.topK = ks.Select(k => new TopKAccuracy(k, this.options)).ToArray();
    }

    /// <summary>The accuracy.</summary>
    public Accuracy Accuracy { get; }

    /// <summary>The top-k accuracies, in the order the k values were given.</summary>
    public IReadOnlyList<TopKAccuracy> TopK => topK;

    /// <summary>The confusion matrix, which also gives the per-class accuracies.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>The number of classes C.</summary>
    public int NumClasses => ConfusionMatrix.NumClasses;

    /// <inheritdoc/>
    public long Count => Accuracy.Count;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Also when the logits do not have <see cref="NumClasses"/> columns.</exception>
    public void Update(Tensor logits, Tensor targets, Tensor? mask = null)
    {
        var batch = ClassificationBatch.Read(logits, targets, mask, options);
        ConfusionMatrix.CheckClasses(batch);
        Accuracy.Accumulate(batch);
        foreach (var metric in topK)
        {
            metric.Accumulate(batch);
        }

        ConfusionMatrix.Accumulate(batch);
    }

    /// <summary>A snapshot of every value.</summary>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">No sample has been counted.</exception>
    public ClassificationResult Compute() => new(
        Count,
        Accuracy.Compute(),
        topK.ToDictionary(m => m.K, m => m.Compute()),
        ConfusionMatrix.PerClassAccuracy(),
        ConfusionMatrix.MacroAccuracy());

    /// <inheritdoc/>
    public void Reset()
    {
        Accuracy.Reset();
        foreach (var metric in topK)
        {
            metric.Reset();
        }

        ConfusionMatrix.Reset();
    }
}
