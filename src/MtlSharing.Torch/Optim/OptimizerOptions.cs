using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// The hyperparameters of one parameter group, common to every optimizer. Each optimizer has a
/// sealed subtype (<see cref="SGDOptions"/>, <see cref="AdamOptions"/>); every group holds its own
/// copy, so changing one group's <see cref="LearningRate"/> leaves the others alone. Values are
/// checked when set: a bad value throws <see cref="ArgumentOutOfRangeException"/> naming it.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate (PyTorch's <c>lr</c>); non-negative. Schedulers change it between steps.</summary>
    public double LearningRate
    {
        get;
        set => field = NonNegative(value, "lr");
    }

    /// <summary>The weight decay (PyTorch's <c>weight_decay</c>); non-negative.</summary>
    public double WeightDecay
    {
        get;
        init => field = NonNegative(value, "weight_decay");
    }

    /// <summary>Whether to maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get; init; }

    /// <summary>Checks rules that involve several options; throws <see cref="ArgumentException"/>.</summary>
    protected internal virtual void Validate()
    {
    }

    /// <summary>Writes the options as tensors under PyTorch's param-group keys (lr, weight_decay, maximize, …).</summary>
    /// <param name="values">The dictionary to add to; keys carry no prefix.</param>
    protected internal virtual void WriteTo(IDictionary<string, Tensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        values["lr"] = ToTensor(LearningRate);
        values["weight_decay"] = ToTensor(WeightDecay);
        values["maximize"] = ToTensor(Maximize);
    }

    /// <summary>A copy of these options with the values read from a dictionary written by <see cref="WriteTo"/>.</summary>
    /// <param name="values">The values, keyed without prefix.</param>
    /// <returns>The new options; this instance is unchanged.</returns>
    protected internal virtual OptimizerOptions ReadFrom(IReadOnlyDictionary<string, Tensor> values) => this with
    {
        LearningRate = ReadDouble(values, "lr"),
        WeightDecay = ReadDouble(values, "weight_decay"),
        Maximize = ReadBool(values, "maximize"),
    };

    /// <summary>Returns <paramref name="value"/> if it is a non-negative number.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The option's PyTorch name, for the message.</param>
    /// <returns>The value.</returns>
    protected static double NonNegative(double value, string name)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative number; got {value}");
        }

        return value;
    }

    /// <summary>A 0-dim float64 tensor holding a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The tensor.</returns>
    protected static Tensor ToTensor(double value) => scalar_tensor(value, ScalarType.Float64);

    /// <summary>A 0-dim bool tensor holding a flag.</summary>
    /// <param name="value">The flag.</param>
    /// <returns>The tensor.</returns>
    protected static Tensor ToTensor(bool value) => scalar_tensor(value ? 1 : 0, ScalarType.Bool);

    /// <summary>Reads a one-element tensor as a double.</summary>
    /// <param name="values">The dictionary.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    protected static double ReadDouble(IReadOnlyDictionary<string, Tensor> values, string key) =>
        StateValues.ReadDouble(values, key);

    /// <summary>Reads a one-element tensor as a flag (non-zero is true).</summary>
    /// <param name="values">The dictionary.</param>
    /// <param name="key">The key.</param>
    /// <returns>The flag.</returns>
    protected static bool ReadBool(IReadOnlyDictionary<string, Tensor> values, string key) =>
        StateValues.ReadDouble(values, key) != 0;
}
