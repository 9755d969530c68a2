using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum, weight decay
/// and maximization, with PyTorch 1.13's update rule. Make one with <see cref="optim.SGD(IEnumerable{Parameter}, double, double, double, double, bool, bool)"/>.
/// </summary>
public sealed class SGD : optim.Optimizer
{
    private const string MomentumBuffer = "momentum_buffer";

    /// <summary>Makes an SGD optimizer over one group of parameters.</summary>
    /// <param name="parameters">The parameters to optimize.</param>
    /// <param name="lr">The learning rate; non-negative.</param>
    /// <param name="momentum">The momentum factor; non-negative.</param>
    /// <param name="dampening">The dampening of the momentum.</param>
    /// <param name="weight_decay">The L2 penalty; non-negative.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and dampening = 0).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, momentum, dampening, weight_decay, nesterov, maximize)
    {
    }

    /// <summary>Makes an SGD optimizer over parameter groups; the other arguments are the defaults of groups that do not set their own.</summary>
    /// <param name="param_groups">The parameter groups.</param>
    /// <param name="lr">The learning rate; non-negative.</param>
    /// <param name="momentum">The momentum factor; non-negative.</param>
    /// <param name="dampening">The dampening of the momentum.</param>
    /// <param name="weight_decay">The L2 penalty; non-negative.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and dampening = 0).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public SGD(IEnumerable<ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(param_groups, new SGDOptions
        {
            LearningRate = lr,
            Momentum = momentum,
            Dampening = dampening,
            WeightDecay = weight_decay,
            Nesterov = nesterov,
            Maximize = maximize,
        })
    {
    }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter, Tensor grad, OptimizerOptions options, IDictionary<string, Tensor> state)
    {
        var o = (SGDOptions)options;
        var d = o.Maximize ? grad.neg() : grad;
        if (o.WeightDecay != 0)
        {
            d = d.add(parameter, o.WeightDecay);
        }

        if (o.Momentum != 0)
        {
            if (state.TryGetValue(MomentumBuffer, out var buffer))
            {
                buffer.mul_(o.Momentum).add_(d, 1 - o.Dampening);
            }
            else
            {
                buffer = d.clone();
                state[MomentumBuffer] = buffer;
            }

            d = o.Nesterov ? d.add(buffer, o.Momentum) : buffer;
        }

        parameter.add_(d, -o.LearningRate);
    }

    /// <inheritdoc/>
    protected override void ValidateState(Parameter parameter, OptimizerOptions options, IReadOnlyDictionary<string, Tensor> state)
    {
        RejectUnknownState(state, MomentumBuffer);
        RequireState(state, MomentumBuffer, parameter.shape);
    }
}
