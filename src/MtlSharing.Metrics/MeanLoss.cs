using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Metrics;

/// <summary>
/// The streaming mean of a per-sample loss over all samples seen, whatever the batch sizes: batch
/// means are weighted by their sample counts, so the result equals the mean over one big batch.
/// A NaN or infinite loss is kept (the mean then reports it) rather than hidden.
/// </summary>
public sealed class MeanLoss : IMetric
{
    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <summary>The sum of the per-sample losses counted so far.</summary>
    public double Sum { get; private set; }

    /// <summary>Counts a batch by its mean loss.</summary>
    /// <param name="meanLoss">The batch's mean per-sample loss (a mean-reduced loss).</param>
    /// <param name="sampleCount">The number of samples the mean was taken over; a batch of 0 is ignored.</param>
    public void Update(double meanLoss, long sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (sampleCount == 0)
        {
            return;
        }

        Sum += meanLoss * sampleCount;
        Count += sampleCount;
    }

    /// <summary>Counts a batch by its mean loss, given as a one-element tensor such as a mean-reduced loss.</summary>
    /// <param name="meanLoss">A floating-point tensor with one element.</param>
    /// <param name="sampleCount">The number of samples the mean was taken over; a batch of 0 is ignored.</param>
    /// <exception cref="ArgumentException">The tensor has more than one element or is not floating-point.</exception>
    public void Update(Tensor meanLoss, long sampleCount)
    {
        ArgumentNullException.ThrowIfNull(meanLoss);
        ObjectDisposedException.ThrowIf(meanLoss.IsInvalid, meanLoss);
        if (meanLoss.numel() != 1 || !is_floating_point(meanLoss.dtype))
        {
            throw new ArgumentException(
                $"a mean loss must be a floating-point tensor with one element; got {meanLoss.dtype} {ClassificationBatch.Shape(meanLoss.shape)}"
                + " (use UpdatePerSample for a loss computed with reduction none)",
                nameof(meanLoss));
        }

        Update(meanLoss.ToDouble(), sampleCount);
    }

    /// <summary>Counts a batch of per-sample losses, as computed with reduction none.</summary>
    /// <param name="losses">A floating-point tensor of shape [N].</param>
    /// <param name="mask">Optional bool tensor of shape [N]; true marks the samples to count.</param>
    /// <exception cref="ArgumentException">A shape or element type is invalid.</exception>
    public void UpdatePerSample(Tensor losses, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ObjectDisposedException.ThrowIf(losses.IsInvalid, losses);
        var shape = losses.shape;
        if (shape.Length != 1 || !is_floating_point(losses.dtype))
        {
            throw new ArgumentException(
                $"per-sample losses must be a floating-point tensor of shape [N]; got {losses.dtype} {ClassificationBatch.Shape(shape)}",
                nameof(losses));
        }

        if (mask is not null && (mask.dtype != ScalarType.Bool || !mask.shape.SequenceEqual(shape)))
        {
            throw new ArgumentException(
                $"mask must be a Bool tensor of shape {ClassificationBatch.Shape(shape)}; got {mask.dtype} {ClassificationBatch.Shape(mask.shape)}",
                nameof(mask));
        }

        double[] values;
        using (var detached = losses.detach())
        using (var asDouble = detached.to(ScalarType.Float64))
        {
            values = asDouble.ToArrayOf<double>();
        }

        var keep = mask?.ToArrayOf<bool>();
        var sum = 0.0;
        var count = 0L;
        for (var i = 0; i < values.Length; i++)
        {
            if (keep is null || keep[i])
            {
                sum += values[i];
                count++;
            }
        }

        Sum += sum;
        Count += count;
    }

    /// <summary>The mean loss per sample so far.</summary>
    /// <returns><see cref="Sum"/> / <see cref="Count"/>.</returns>
    /// <exception cref="InvalidOperationException">No sample has been counted.</exception>
    public double Compute()
    {
        MetricGuard.RequireSamples(Count, "mean loss");
        return Sum / Count;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Count = 0;
        Sum = 0;
    }
}
