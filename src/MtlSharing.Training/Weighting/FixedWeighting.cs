using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>
/// Fixed weighting: the model's gradients are those of <c>L = Σ_t w_t L_t</c> with weights
/// chosen by the user and never changed (e.g. from a grid search).
/// </summary>
public sealed class FixedWeighting : LossWeighting
{
    private readonly Dictionary<string, double> weights;

    /// <summary>Makes the weighting.</summary>
    /// <param name="weights">A finite, non-negative weight for every task of the model.</param>
    public FixedWeighting(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("no task weights given; give a weight for every task", nameof(weights));
        }

        foreach (var (task, weight) in weights)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException($"the weight of task '{task}' is {weight}; weights must be finite and non-negative", nameof(weights));
            }
        }

        this.weights = new Dictionary<string, double>(weights, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override string Name => "fixed";

    /// <summary>The weights, by task.</summary>
    public IReadOnlyDictionary<string, double> Weights => weights;

    /// <summary>Checks that the weights name exactly the model's tasks.</summary>
    /// <param name="model">The model being trained.</param>
    public override void Initialize(MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var missing = model.Tasks.Where(t => !weights.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"no weight for task(s) {string.Join(", ", missing)}; the weights name {string.Join(", ", weights.Keys)}", nameof(model));
        }

        var extra = weights.Keys.Where(t => !model.Tasks.Contains(t)).ToList();
        if (extra.Count > 0)
        {
            throw new ArgumentException($"weights given for unknown task(s) {string.Join(", ", extra)}; the model's tasks are {string.Join(", ", model.Tasks)}", nameof(model));
        }
    }

    /// <inheritdoc />
    public override void Backward(IReadOnlyDictionary<string, Tensor> losses)
    {
        var checkedLosses = LossInputs.Check(losses);
        foreach (var (task, _) in checkedLosses)
        {
            if (!weights.ContainsKey(task))
            {
                throw new ArgumentException($"no weight for task '{task}'; the weights name {string.Join(", ", weights.Keys)}", nameof(losses));
            }
        }

        LastWeights = LossInputs.BackwardWeightedSum(checkedLosses, t => weights[t]);
    }
}
