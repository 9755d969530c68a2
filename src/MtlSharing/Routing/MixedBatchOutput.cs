using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>
/// The result of a mixed batch: for each task present, its logits and the batch positions of its
/// samples. <see cref="InBatchOrder"/> stacks them back in the batch's order when every head has
/// the same width.
/// </summary>
public sealed class MixedBatchOutput : IDisposable
{
    internal MixedBatchOutput(IReadOnlyDictionary<string, Tensor> logits, IReadOnlyDictionary<string, Tensor> positions, long batchSize)
    {
        Logits = logits;
        Positions = positions;
        BatchSize = batchSize;
    }

    /// <summary>Per task present in the batch: its samples' outputs, in batch order.</summary>
    public IReadOnlyDictionary<string, Tensor> Logits { get; }

    /// <summary>Per task present: the int64 batch positions of its samples.</summary>
    public IReadOnlyDictionary<string, Tensor> Positions { get; }

    /// <summary>The number of samples in the batch.</summary>
    public long BatchSize { get; }

    /// <summary>All outputs in the batch's original order; every head must have the same output width.</summary>
    /// <returns>A tensor of shape [batch, width].</returns>
    public Tensor InBatchOrder()
    {
        var widths = Logits.Values.Select(l => l.shape[1..]).ToList();
        if (widths.Any(w => !w.SequenceEqual(widths[0])))
        {
            throw new InvalidOperationException($"the tasks' heads differ in output shape ({string.Join(", ", Logits.Select(l => $"{l.Key}: [{string.Join(", ", l.Value.shape[1..])}]"))}); read Logits per task instead");
        }

        using var joined = cat(Logits.Values.ToList());
        using var order = cat(Positions.Values.ToList());
        var (sorted, inverse) = order.sort();
        using (sorted)
        using (inverse)
        {
            return joined.index_select(0, inverse);
        }
    }

    /// <summary>Disposes the logits and positions.</summary>
    public void Dispose()
    {
        foreach (var t in Logits.Values.Concat(Positions.Values))
        {
            t.Dispose();
        }
    }
}
