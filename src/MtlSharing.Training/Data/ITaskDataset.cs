using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// One task's samples for multi-input problems: inputs <c>[N, ...]</c> float32 and labels <c>[N]</c> int64
/// (a class index, or <see cref="TaskLabels.Missing"/> for a sample without a label).
/// </summary>
public interface ITaskDataset
{
    /// <summary>The number of samples N.</summary>
    long Count { get; }

    /// <summary>Copies the samples at the given indices into a new batch; the caller disposes both tensors.</summary>
    /// <param name="indices">Sample indices in [0, <see cref="Count"/>), in the order the batch should have.</param>
    /// <returns>The inputs <c>[B, ...]</c> and labels <c>[B]</c> of the B requested samples.</returns>
    (Tensor Inputs, Tensor Labels) Get(ReadOnlySpan<long> indices);
}
