using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>
/// Equal weighting: every task's loss has weight 1 and the model's gradients are those of the
/// sum <c>L = Σ_t L_t</c> (the sum, not the mean, as LibMTL's EW; with the mean, divide the
/// learning rate by the number of tasks instead).
/// </summary>
public sealed class EqualWeighting : LossWeighting
{
    /// <inheritdoc />
    public override string Name => "equal";

    /// <inheritdoc />
    public override void Backward(IReadOnlyDictionary<string, Tensor> losses) =>
        LastWeights = LossInputs.BackwardWeightedSum(LossInputs.Check(losses), _ => 1);
}
