using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>The inputs and labels of one step, per task (in single-input training every task has the same inputs).</summary>
/// <param name="Inputs">Each task's inputs.</param>
/// <param name="Labels">Each task's labels.</param>
/// <param name="SharedInput">In single-input training, the one batch every task reads; otherwise null.</param>
internal sealed record StepBatch(IReadOnlyDictionary<string, Tensor> Inputs, IReadOnlyDictionary<string, Tensor> Labels, Tensor? SharedInput = null);
