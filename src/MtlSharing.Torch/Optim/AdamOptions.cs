using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>The hyperparameters of one <see cref="Adam"/> or <see cref="AdamW"/> parameter group.</summary>
public sealed record AdamOptions : OptimizerOptions
{
    /// <summary>The decay rate of the running mean of gradients; in [0, 1).</summary>
    public double Beta1 { get; init => field = Beta(value, "beta1"); } = 0.9;

    /// <summary>The decay rate of the running mean of squared gradients; in [0, 1).</summary>
    public double Beta2 { get; init => field = Beta(value, "beta2"); } = 0.999;

    /// <summary>The term added to the denominator for numerical stability; non-negative.</summary>
    public double Eps { get; init => field = NonNegative(value, "eps"); } = 1e-8;

    /// <summary>Whether to use the AMSGrad variant, which divides by the largest second moment seen so far.</summary>
    public bool AmsGrad { get; init; }

    /// <inheritdoc/>
    protected internal override void WriteTo(IDictionary<string, Tensor> values)
    {
        base.WriteTo(values);
        values["betas"] = tensor(new[] { Beta1, Beta2 });
        values["eps"] = ToTensor(Eps);
        values["amsgrad"] = ToTensor(AmsGrad);
    }

    /// <inheritdoc/>
    protected internal override OptimizerOptions ReadFrom(IReadOnlyDictionary<string, Tensor> values)
    {
        var betas = StateValues.ReadDoubles(values, "betas", 2);
        return (AdamOptions)base.ReadFrom(values) with
        {
            Beta1 = betas[0],
            Beta2 = betas[1],
            Eps = ReadDouble(values, "eps"),
            AmsGrad = ReadBool(values, "amsgrad"),
        };
    }

    private static double Beta(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1); got {value}");
        }

        return value;
    }
}
