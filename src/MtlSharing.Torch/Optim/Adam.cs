using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// The Adam optimizer (optionally AMSGrad), with L2 weight decay added to the gradient and
/// PyTorch 1.13's update rule and bias correction. Make one with <see cref="optim.Adam(IEnumerable{Parameter}, double, double, double, double, double, bool, bool)"/>.
/// </summary>
public sealed class Adam : optim.Optimizer
{
    /// <summary>Makes an Adam optimizer over one group of parameters.</summary>
    /// <param name="parameters">The parameters to optimize.</param>
    /// <param name="lr">The learning rate; non-negative.</param>
    /// <param name="beta1">The decay of the running mean of gradients; in [0, 1).</param>
    /// <param name="beta2">The decay of the running mean of squared gradients; in [0, 1).</param>
    /// <param name="eps">The term added to the denominator; non-negative.</param>
    /// <param name="weight_decay">The L2 penalty added to the gradient; non-negative.</param>
    /// <param name="amsgrad">Use the AMSGrad variant.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }

    /// <summary>Makes an Adam optimizer over parameter groups; the other arguments are the defaults of groups that do not set their own.</summary>
    /// <param name="param_groups">The parameter groups.</param>
    /// <param name="lr">The learning rate; non-negative.</param>
    /// <param name="beta1">The decay of the running mean of gradients; in [0, 1).</param>
    /// <param name="beta2">The decay of the running mean of squared gradients; in [0, 1).</param>
    /// <param name="eps">The term added to the denominator; non-negative.</param>
    /// <param name="weight_decay">The L2 penalty added to the gradient; non-negative.</param>
    /// <param name="amsgrad">Use the AMSGrad variant.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adam(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : base(param_groups, new AdamOptions
        {
            LearningRate = lr,
            Beta1 = beta1,
            Beta2 = beta2,
            Eps = eps,
            WeightDecay = weight_decay,
            AmsGrad = amsgrad,
            Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, OptimizerOptions options, IDictionary<string, Tensor> state) =>
        AdamStep.Apply(parameter, grad, (AdamOptions)options, state, decoupled: false);

    /// <inheritdoc/>
    protected override void ValidateState(Parameter parameter, OptimizerOptions options, IReadOnlyDictionary<string, Tensor> state)
    {
        RejectUnknownState(state, AdamStep.Step, AdamStep.ExpAvg, AdamStep.ExpAvgSq, AdamStep.MaxExpAvgSq);
        AdamStep.Validate(parameter, (AdamOptions)options, state, (name, shape) => RequireState(state, name, shape));
    }
}
