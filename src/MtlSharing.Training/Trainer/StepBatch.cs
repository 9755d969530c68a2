using static MtlSharing.Torch.torch;

namespace MtlSharing.Training;

/// <summary>The inputs and labels of one step, per task (in single-input training every task has the same inputs).</summary>
/// <param name="Inputs">Each task's inputs.</param>
/// <param name="Labels">Each task's labels.</param>
internal sealed record StepBatch(IReadOnlyDictionary<string, Tensor> Inputs, IReadOnlyDictionary<string, Tensor> Labels);
