using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>The update of one parameter shared by <see cref="Adam"/> and <see cref="AdamW"/> (PyTorch 1.13's single-tensor rule).</summary>
internal static class AdamStep
{
    internal const string Step = "step";
    internal const string ExpAvg = "exp_avg";
    internal const string ExpAvgSq = "exp_avg_sq";
    internal const string MaxExpAvgSq = "max_exp_avg_sq";

    /// <summary>Updates the moments and the parameter; <paramref name="decoupled"/> selects AdamW's weight decay.</summary>
    internal static void Apply(Parameter parameter, Tensor grad, AdamOptions o, IDictionary<string, Tensor> state, bool decoupled)
    {
        var g = o.Maximize ? grad.neg() : grad;
        var step = Buffer(state, Step, () => scalar_tensor(0, ScalarType.Float32));
        var expAvg = Buffer(state, ExpAvg, () => zeros_like(parameter));
        var expAvgSq = Buffer(state, ExpAvgSq, () => zeros_like(parameter));
        step.add_(1);

        if (decoupled)
        {
            parameter.mul_(1 - (o.LearningRate * o.WeightDecay));
        }
        else if (o.WeightDecay != 0)
        {
            g = g.add(parameter, o.WeightDecay);
        }

        expAvg.mul_(o.Beta1).add_(g, 1 - o.Beta1);
        expAvgSq.mul_(o.Beta2).addcmul_(g, g, 1 - o.Beta2);

        var t = step.item<double>();
        var biasCorrection1 = 1 - Math.Pow(o.Beta1, t);
        var biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(o.Beta2, t));
        var stepSize = o.LearningRate / biasCorrection1;

        var second = expAvgSq;
        if (o.AmsGrad)
        {
            second = Buffer(state, MaxExpAvgSq, () => zeros_like(parameter)).maximum_(expAvgSq);
        }

        var denominator = second.sqrt().div_(biasCorrection2Sqrt).add_(o.Eps);
        parameter.addcdiv_(expAvg, denominator, -stepSize);
    }

    /// <summary>Checks the buffers saved for one parameter.</summary>
    internal static void Validate(Parameter parameter, AdamOptions o, IReadOnlyDictionary<string, Tensor> state, Action<string, long[]> require)
    {
        var stepCount = StateValues.ReadDouble(state, Step);
        if (stepCount < 0 || stepCount != Math.Floor(stepCount))
        {
            throw new ArgumentException($"buffer '{Step}' must hold a whole number of steps; got {stepCount}");
        }

        require(ExpAvg, parameter.shape);
        require(ExpAvgSq, parameter.shape);
        if (o.AmsGrad || state.ContainsKey(MaxExpAvgSq))
        {
            require(MaxExpAvgSq, parameter.shape);
        }
    }

    private static Tensor Buffer(IDictionary<string, Tensor> state, string name, Func<Tensor> create)
    {
        if (!state.TryGetValue(name, out var buffer))
        {
            buffer = create();
            state[name] = buffer;
        }

        return buffer;
    }
}
