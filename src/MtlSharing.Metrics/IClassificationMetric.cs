using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Metrics;

/// <summary>A streaming metric fed with classification logits and integer targets.</summary>
public interface IClassificationMetric : IMetric
{
    /// <summary>
    /// Counts one batch. A sample is skipped when its target equals
    /// <see cref="ClassificationOptions.IgnoreIndex"/> (−100 by default, as in PyTorch's cross-entropy)
    /// or when <paramref name="mask"/> is false for it; skipped targets are not range-checked.
    /// The batch is validated completely before anything is counted.
    /// </summary>
    /// <param name="logits">Scores of shape [N, C], any floating-point type; NaN is rejected.</param>
    /// <param name="targets">Class indices of shape [N], int64, each in [0, C) unless skipped.</param>
    /// <param name="mask">Optional bool tensor of shape [N]; true marks the samples to count.</param>
    /// <exception cref="ArgumentException">A shape, element type or target value is invalid.</exception>
    void Update(Tensor logits, Tensor targets, Tensor? mask = null);
}
