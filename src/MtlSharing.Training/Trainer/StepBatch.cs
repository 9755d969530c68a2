using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// The inputs and labels of one step, per task. In single-input training every task holds the very
/// same input tensor, which lets the model run its shared blocks once.
/// </summary>
/// <param name="Inputs">Each task's inputs.</param>
/// <param name="Labels">Each task's labels.</param>
internal sealed record StepBatch(IReadOnlyDictionary<string, Tensor> Inputs, IReadOnlyDictionary<string, Tensor> Labels);
