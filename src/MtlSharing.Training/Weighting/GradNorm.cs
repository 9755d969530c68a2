using MtlSharing.Routing;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>
/// GradNorm (Chen, Badrinarayanan, Lee and Rabinovich, "GradNorm: Gradient Normalization for
/// Adaptive Loss Balancing in Deep Multitask Networks", ICML 2018), following the paper's
/// Algorithm 1. Each task has a weight <c>w_t</c>, starting at 1. In every step, on the
/// parameters W of the last shared layer:
/// <code>
/// G_t = ‖∇_W w_t·L_t‖₂,   Ḡ = mean_t G_t,
/// L̃_t = L_t / L_t(0),     r_t = L̃_t / mean_i L̃_i,
/// L_grad = Σ_t |G_t − Ḡ·r_t^α|     (the targets Ḡ·r_t^α held constant)
/// </code>
/// where <c>L_t(0)</c> is task t's loss in the first step that saw it. The model gets the
/// gradients of <c>Σ_t w_t·L_t</c> with the weights before this step's update; then
/// <c>w_t ← w_t − η·∂L_grad/∂w_t</c> (plain SGD with <see cref="WeightLearningRate"/> η) and the
/// weights are renormalised so that they sum to the number of tasks. A larger α pulls harder
/// towards equal training rates.
/// <para>
/// The weights are updated here, not by the trainer's optimizer, so <see cref="LossWeighting.Parameters"/>
/// is empty. W is, by default, the trainable parameters of the last module (in registration order)
/// of the backbone that owns parameters of <see cref="MultiTaskModel.SharedParameters"/>; pass
/// other parameters to the constructor to choose a different layer. The method is meant for steps
/// that see every task; a step with fewer tasks balances the tasks present and renormalises all
/// weights. Should an update drive a weight to zero or below, <see cref="Backward"/> throws after
/// writing the model's gradients and keeps the old weights: lower the weight learning rate.
/// </para>
/// </summary>
public sealed class GradNorm : LossWeighting
{
    private const string WeightPrefix = "weight.";
    private const string InitialLossPrefix = "initial_loss.";
    private readonly IReadOnlyList<Parameter>? layer;
    private Dictionary<string, double> weights = new(StringComparer.Ordinal);
    private Dictionary<string, double> initialLosses = new(StringComparer.Ordinal);
    private MultiTaskModel? model;

    /// <summary>Makes the weighting.</summary>
    /// <param name="alpha">The asymmetry α ≥ 0 (the paper uses 0.12–3; 1.5 is common).</param>
    /// <param name="weightLearningRate">The SGD learning rate η &gt; 0 of the task weights.</param>
    /// <param name="sharedLayer">The parameters W whose gradient norms are balanced; by default those of the last shared layer.</param>
    public GradNorm(double alpha, double weightLearningRate, IEnumerable<Parameter>? sharedLayer = null)
    {
        if (!double.IsFinite(alpha) || alpha < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a finite number ≥ 0");
        }

        if (!double.IsFinite(weightLearningRate) || weightLearningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weightLearningRate), weightLearningRate, "the weight learning rate must be a finite number > 0");
        }

        if (sharedLayer is not null)
        {
            layer = sharedLayer.ToList();
            if (layer.Count == 0 || layer.Any(p => p is null))
            {
                throw new ArgumentException("the shared layer must have at least one parameter and no null entries", nameof(sharedLayer));
            }
        }

        Alpha = alpha;
        WeightLearningRate = weightLearningRate;
    }

    /// <inheritdoc />
    public override string Name => "gradnorm";

    /// <summary>The asymmetry α.</summary>
    public double Alpha { get; }

    /// <summary>The SGD learning rate η of the task weights.</summary>
    public double WeightLearningRate { get; }

    /// <summary>The current task weights <c>w_t</c>, used by the next step.</summary>
    public IReadOnlyDictionary<string, double> Weights => weights;

    /// <summary>Each task's loss <c>L_t(0)</c> in the first step that saw it.</summary>
    public IReadOnlyDictionary<string, double> InitialLosses => initialLosses;

    /// <summary>The value of <c>L_grad</c> in the last step.</summary>
    public double LastGradNormLoss { get; private set; }

    /// <summary>
    /// Gives every task of the model a weight of 1 (tasks that have one keep it) and checks that the
    /// model has a shared layer to balance on (the default layer is looked up again each step).
    /// </summary>
    /// <param name="model">The model being trained.</param>
    public override void Initialize(MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (layer is null)
        {
            LastSharedLayer(model);
        }

        foreach (var task in model.Tasks)
        {
            weights.TryAdd(task, 1);
        }

        this.model = model;
    }

    /// <inheritdoc />
    public override void Backward(IReadOnlyDictionary<string, Tensor> losses)
    {
        var current = LossInputs.Require(model, Name);
        var ordered = LossInputs.InModelOrder(losses, current);
        var shared = layer ?? LastSharedLayer(current);
        if (shared.FirstOrDefault(p => !p.requires_grad) is { } frozen)
        {
            throw new InvalidOperationException($"a parameter of GradNorm's shared layer (shape [{string.Join(", ", frozen.shape)}]) does not require gradients");
        }

        var values = ordered.Select(l => l.Loss.ToDouble()).ToArray();
        var starts = InitialLossesWith(ordered.Select(l => l.Task).ToArray(), values, nameof(losses));
        var used = ordered.ToDictionary(l => l.Task, l => weights.GetValueOrDefault(l.Task, 1), StringComparer.Ordinal);
        double[] slopes;
        using (var scope = NewDisposeScope())
        {
            slopes = WeightGradients(ordered, shared, used, ordered.Select((l, i) => values[i] / starts[l.Task]).ToArray());
            LossInputs.BackwardWeightedSum(ordered, t => used[t]);
        }

        var updated = Updated(ordered.Select(l => l.Task).ToArray(), slopes);
        initialLosses = starts;
        weights = updated;
        LastWeights = used;
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict() =>
        weights.Select(e => (Key: WeightPrefix + e.Key, e.Value))
            .Concat(initialLosses.Select(e => (Key: InitialLossPrefix + e.Key, e.Value)))
            .ToDictionary(e => e.Key, e => StateEntries.Scalar(e.Value), StringComparer.Ordinal);

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        StateEntries.RejectUnknownKeys(state, k => IsTaskKey(k, WeightPrefix) || IsTaskKey(k, InitialLossPrefix), Name);
        var loadedWeights = StateEntries.ReadPrefixed(state, WeightPrefix, Name, minimum: 0, minimumExclusive: true);
        var loadedStarts = StateEntries.ReadPrefixed(state, InitialLossPrefix, Name, minimum: 0, minimumExclusive: true);
        if (model is not null)
        {
            foreach (var task in loadedWeights.Keys.Concat(loadedStarts.Keys))
            {
                LossInputs.RequireModelTask(task, model, nameof(state));
            }
        }

        weights = loadedWeights;
        initialLosses = loadedStarts;
        if (model is not null)
        {
            foreach (var task in model.Tasks)
            {
                weights.TryAdd(task, 1);
            }
        }
    }

    /// <summary>
    /// The default W: the trainable parameters of the last module of the backbone, in registration
    /// order, whose own parameters are all shared.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <returns>The parameters of that module.</returns>
    internal static IReadOnlyList<Parameter> LastSharedLayer(MultiTaskModel model)
    {
        var shared = model.SharedParameters().ToHashSet(ReferenceEqualityComparer.Instance);
        var last = model.Backbone.named_modules()
            .Select(m => m.module.parameters(recurse: false).ToList())
            .LastOrDefault(own => own.Count > 0 && own.All(shared.Contains) && own.Any(p => p.requires_grad));
        return last?.Where(p => p.requires_grad).ToList()
            ?? throw new InvalidOperationException("GradNorm needs a shared layer, but the model has no trainable shared parameters; pass the layer's parameters to the constructor");
    }

    /// <summary>∂L_grad/∂w_t for the tasks present, with the weights as autograd leaves.</summary>
    private double[] WeightGradients(List<(string Task, Tensor Loss)> ordered, IReadOnlyList<Parameter> shared, Dictionary<string, double> used, double[] relativeLosses)
    {
        var leaves = ordered.Select(l => tensor(used[l.Task], l.Loss.dtype, l.Loss.device, requires_grad: true)).ToList();
        var norms = new List<Tensor>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var gradients = autograd.grad([leaves[i].mul(ordered[i].Loss)], shared.ToList<Tensor>(), retain_graph: true, create_graph: true, allow_unused: true);
            norms.Add(GradientBuffers.Flatten(gradients, shared).norm());
        }

        var meanRelative = relativeLosses.Average();
        var powers = relativeLosses.Select(l => Math.Pow(l / meanRelative, Alpha)).ToArray();
        var normVector = stack(norms);
        var targets = normVector.mean().mul(tensor(powers, normVector.dtype, normVector.device)).detach();
        var gradNormLoss = normVector.sub(targets).abs().sum();
        LastGradNormLoss = gradNormLoss.ToDouble();
        var slopes = autograd.grad([gradNormLoss], leaves.ToList<Tensor>(), retain_graph: true, allow_unused: true);
        return slopes.Select(s => GradientBuffers.Present(s)?.ToDouble() ?? 0).ToArray();
    }

    /// <summary>The weights after one SGD step on the tasks present, renormalised to sum to the number of tasks.</summary>
    private Dictionary<string, double> Updated(string[] tasks, double[] slopes)
    {
        var next = new Dictionary<string, double>(weights, StringComparer.Ordinal);
        for (var i = 0; i < tasks.Length; i++)
        {
            next[tasks[i]] = next.GetValueOrDefault(tasks[i], 1) - (WeightLearningRate * slopes[i]);
        }

        var scale = next.Count / next.Values.Sum();
        foreach (var task in next.Keys.ToList())
        {
            next[task] *= scale;
            if (!double.IsFinite(next[task]) || next[task] <= 0)
            {
                throw new InvalidOperationException($"the GradNorm update made the weight of task '{task}' {next[task]}; the weights stay as they were. Lower the weight learning rate (now {WeightLearningRate})");
            }
        }

        return next;
    }

    /// <summary>The initial losses with those of tasks seen for the first time added; all losses must be finite, first ones &gt; 0.</summary>
    private Dictionary<string, double> InitialLossesWith(string[] tasks, double[] values, string parameterName)
    {
        var result = new Dictionary<string, double>(initialLosses, StringComparer.Ordinal);
        for (var i = 0; i < tasks.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"the loss of task '{tasks[i]}' is {values[i]}; GradNorm needs finite losses", parameterName);
            }

            if (!result.ContainsKey(tasks[i]) && values[i] <= 0)
            {
                throw new ArgumentException($"the first loss of task '{tasks[i]}' is {values[i]}; GradNorm divides by it, so it must be finite and > 0", parameterName);
            }

            result.TryAdd(tasks[i], values[i]);
        }

        return result;
    }

    private static bool IsTaskKey(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length;
}
