using MtlSharing.Routing;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>
/// How a training step turns the per-task losses into gradients: a weighted sum of the losses
/// (equal, fixed, uncertainty, Dynamic Weight Average) or a gradient-level method (GradNorm,
/// PCGrad). Each method is one small subclass; the trainer calls <see cref="Initialize"/> once,
/// <see cref="Backward"/> every step and <see cref="EndEpoch"/> after every epoch.
/// </summary>
public abstract class LossWeighting
{
    /// <summary>The method's short name, for logs and reports.</summary>
    public abstract string Name { get; }

    /// <summary>The weight each task's loss had in the last <see cref="Backward"/> (empty before the first).</summary>
    public IReadOnlyDictionary<string, double> LastWeights { get; protected set; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Called once before training with the model and its tasks.</summary>
    /// <param name="model">The model being trained.</param>
    public virtual void Initialize(MultiTaskModel model)
    {
    }

    /// <summary>
    /// Learnable weighting parameters the trainer's optimizer must also update (e.g. uncertainty
    /// weighting's log-variances). Empty unless the method learns something through the optimizer.
    /// </summary>
    /// <returns>The parameters.</returns>
    public virtual IEnumerable<Parameter> Parameters() => [];

    /// <summary>
    /// Given this step's per-task losses (scalar tensors with graphs), writes the gradients of the
    /// model (and of <see cref="Parameters"/>) into <c>.grad</c>, adding to what is there (the
    /// trainer zeroes gradients before the forward pass). Gradient-level methods run their own
    /// autograd here. The graphs of the losses are consumed.
    /// </summary>
    /// <param name="losses">The loss of each task present in this step.</param>
    public abstract void Backward(IReadOnlyDictionary<string, Tensor> losses);

    /// <summary>Called by the trainer at the end of each epoch with each task's mean training loss.</summary>
    /// <param name="meanLosses">The mean training loss of each task over the epoch.</param>
    public virtual void EndEpoch(IReadOnlyDictionary<string, double> meanLosses)
    {
    }

    /// <summary>The method's state for checkpoints: flat name → tensor; the tensors are copies the caller owns.</summary>
    /// <returns>The state (empty for stateless methods).</returns>
    public virtual Dictionary<string, Tensor> StateDict() => new(StringComparer.Ordinal);

    /// <summary>Restores a state written by <see cref="StateDict"/>; the whole state is validated before anything changes.</summary>
    /// <param name="state">The state.</param>
    public virtual void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
    }
}
