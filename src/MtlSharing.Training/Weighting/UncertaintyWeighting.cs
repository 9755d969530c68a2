using MtlSharing.Routing;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>
/// Uncertainty weighting (Kendall, Gal and Cipolla, "Multi-Task Learning Using Uncertainty to
/// Weigh Losses for Scene Geometry and Semantics", CVPR 2018). Each task has a learnable
/// log-variance <c>s_t = log σ_t²</c>, starting at 0, and the model and the <c>s_t</c> get the
/// gradients of
/// <code>L = Σ_t exp(−s_t)·L_t + s_t</code>
/// so task t's loss has weight <c>exp(−s_t) = 1/σ_t²</c>, and <c>∂L/∂s_t = 1 − exp(−s_t)·L_t</c>
/// drives <c>s_t</c> towards <c>log L_t</c>.
/// <para>
/// The paper's regression form is <c>½·exp(−s_t)·L_t + ½·s_t</c> (from the Gaussian likelihood;
/// LibMTL's UW uses it). This class uses the same objective without the ½ factors: the minimiser
/// and the relative weights are the same, and all gradients are twice as large, which under SGD is
/// the same as doubling the learning rate.
/// </para>
/// <para>
/// The <c>s_t</c> are <see cref="Parameter"/>s: give <see cref="Parameters"/> to the optimizer
/// (usually without weight decay). They are also part of <see cref="StateDict"/> as
/// <c>log_variance.&lt;task&gt;</c>.
/// </para>
/// </summary>
public sealed class UncertaintyWeighting : LossWeighting
{
    private const string Prefix = "log_variance.";
    private readonly Dictionary<string, Parameter> logVariances = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    /// <inheritdoc />
    public override string Name => "uncertainty";

    /// <summary>
    /// Makes a log-variance <c>s_t = 0</c> for each task of the model that has none yet (in the
    /// dtype of the model's parameters). Call it again after adding tasks, and give the new
    /// <see cref="Parameters"/> to the optimizer.
    /// </summary>
    /// <param name="model">The model being trained.</param>
    public override void Initialize(MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dtype = model.parameters().FirstOrDefault()?.dtype ?? ScalarType.Float32;
        foreach (var task in model.Tasks.Where(t => !logVariances.ContainsKey(t)))
        {
            using var initial = zeros([], dtype);
            logVariances[task] = new Parameter(initial);
            order.Add(task);
        }
    }

    /// <summary>The log-variances <c>s_t</c>, one per task, in the model's task order; they exist after <see cref="Initialize"/>.</summary>
    /// <returns>The parameters.</returns>
    public override IEnumerable<Parameter> Parameters() => order.Select(t => logVariances[t]).ToList();

    /// <summary>The current log-variance <c>s_t</c> of a task.</summary>
    /// <param name="task">The task.</param>
    /// <returns>Its log-variance.</returns>
    public double LogVariance(string task) => Require(task, nameof(task)).ToDouble();

    /// <summary>The combined loss <c>Σ_t exp(−s_t)·L_t + s_t</c> over the tasks given, with its graph.</summary>
    /// <param name="losses">The loss of each task.</param>
    /// <returns>The combined loss (a new scalar tensor).</returns>
    public Tensor Loss(IReadOnlyDictionary<string, Tensor> losses)
    {
        var checkedLosses = LossInputs.Check(losses);
        foreach (var (task, _) in checkedLosses)
        {
            Require(task, nameof(losses));
        }

        using var scope = NewDisposeScope();
        Tensor? total = null;
        foreach (var (task, loss) in checkedLosses)
        {
            var s = logVariances[task];
            var term = s.neg().exp().mul(loss).add(s);
            total = total is null ? term : total.add(term);
        }

        return total!.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override void Backward(IReadOnlyDictionary<string, Tensor> losses)
    {
        using (var total = Loss(losses))
        {
            total.backward();
        }

        LastWeights = losses.Keys.ToDictionary(t => t, t => Math.Exp(-logVariances[t].ToDouble()), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict() =>
        order.ToDictionary(t => Prefix + t, t => StateEntries.Scalar(logVariances[t].ToDouble()), StringComparer.Ordinal);

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        StateEntries.RejectUnknownKeys(state, k => k.StartsWith(Prefix, StringComparison.Ordinal) && logVariances.ContainsKey(k[Prefix.Length..]), Name);
        var values = order.ToDictionary(t => t, t => StateEntries.ReadDouble(state, Prefix + t, Name), StringComparer.Ordinal);
        using var noGrad = no_grad();
        foreach (var (task, value) in values)
        {
            logVariances[task].fill_(value);
        }
    }

    private Parameter Require(string task, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (logVariances.TryGetValue(task, out var s))
        {
            return s;
        }

        var known = logVariances.Count == 0 ? "none: call Initialize(model) first" : string.Join(", ", order);
        throw new ArgumentException($"task '{task}' has no log-variance; the tasks with one are {known}", parameterName);
    }
}
