using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>The hyperparameters of one <see cref="SGD"/> parameter group.</summary>
public sealed record SGDOptions : OptimizerOptions
{
    /// <summary>The momentum factor; non-negative, 0 for plain SGD.</summary>
    public double Momentum
    {
        get;
        init => field = NonNegative(value, "momentum");
    }

    /// <summary>The dampening of the momentum: new gradients enter the buffer scaled by 1 − dampening.</summary>
    public double Dampening { get; init; }

    /// <summary>Whether to use Nesterov momentum; needs momentum &gt; 0 and dampening = 0.</summary>
    public bool Nesterov { get; init; }

    /// <inheritdoc/>
    protected internal override void Validate()
    {
        base.Validate();
        if (Nesterov && (Momentum <= 0 || Dampening != 0))
        {
            throw new ArgumentException($"Nesterov momentum needs momentum > 0 and dampening = 0; got momentum {Momentum} and dampening {Dampening}", "nesterov");
        }
    }

    /// <inheritdoc/>
    protected internal override void WriteTo(IDictionary<string, Tensor> values)
    {
        base.WriteTo(values);
        values["momentum"] = ToTensor(Momentum);
        values["dampening"] = ToTensor(Dampening);
        values["nesterov"] = ToTensor(Nesterov);
    }

    /// <inheritdoc/>
    protected internal override OptimizerOptions ReadFrom(IReadOnlyDictionary<string, Tensor> values) =>
        (SGDOptions)base.ReadFrom(values) with
        {
            Momentum = ReadDouble(values, "momentum"),
            Dampening = ReadDouble(values, "dampening"),
            Nesterov = ReadBool(values, "nesterov"),
        };
}
