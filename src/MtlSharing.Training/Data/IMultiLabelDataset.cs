using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// Single-input problems: one set of inputs and, for each sample, a label per task
/// (<see cref="TaskLabels.Missing"/> where the sample has no label for that task; it is masked out of that task's loss).
/// </summary>
public interface IMultiLabelDataset
{
    /// <summary>The number of samples N.</summary>
    long Count { get; }

    /// <summary>The tasks that have labels, in a fixed order.</summary>
    IReadOnlyList<string> Tasks { get; }

    /// <summary>Copies the samples at the given indices into a new batch; the caller disposes every tensor.</summary>
    /// <param name="indices">Sample indices in [0, <see cref="Count"/>), in the order the batch should have.</param>
    /// <returns>The inputs <c>[B, ...]</c> and, for each task, its labels <c>[B]</c> (int64).</returns>
    (Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels) Get(ReadOnlySpan<long> indices);
}
