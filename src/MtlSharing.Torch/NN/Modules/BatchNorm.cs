using MtlSharing.Torch.Native;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// Batch normalisation over dimension 1, shared by <see cref="BatchNorm1d"/> and
/// <see cref="BatchNorm2d"/>. In training it normalises with the batch statistics, counts the
/// batch in num_batches_tracked and updates running_mean and running_var as
/// running = (1 − momentum) × running + momentum × batch (batch variance unbiased); in
/// evaluation it normalises with the running statistics.
/// </summary>
public abstract class BatchNorm : nn.Module<Tensor, Tensor>
{
    private static readonly AtenOp AddInPlaceScalarOp = new("aten::add_", "Scalar");

    private protected BatchNorm(string name, long features, double eps, double? momentum, bool affine, bool track_running_stats)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eps);
        num_features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        register_parameter(nameof(weight), affine ? ParameterStorage.Full(1, features) : null);
        register_parameter(nameof(bias), affine ? ParameterStorage.Full(0, features) : null);
        register_buffer(nameof(running_mean), track_running_stats ? zeros([features]) : null);
        register_buffer(nameof(running_var), track_running_stats ? ones([features]) : null);
        register_buffer(nameof(num_batches_tracked), track_running_stats ? zeros([], ScalarType.Int64) : null);
    }

    /// <summary>The number of channels C.</summary>
    public long num_features { get; }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double eps { get; }

    /// <summary>The running-average factor, or null for a cumulative average (factor 1 / num_batches_tracked).</summary>
    public double? momentum { get; }

    /// <summary>Whether the layer learns a per-channel scale and shift.</summary>
    public bool affine { get; }

    /// <summary>Whether the layer keeps running statistics (and uses them in evaluation).</summary>
    public bool track_running_stats { get; }

    /// <summary>The per-channel scale (initially ones), or null when not affine.</summary>
    public Parameter? weight => OwnParameter(nameof(weight));

    /// <summary>The per-channel shift (initially zeros), or null when not affine.</summary>
    public Parameter? bias => OwnParameter(nameof(bias));

    /// <summary>The running mean (initially zeros), or null when not tracking.</summary>
    public Tensor? running_mean => OwnBuffer(nameof(running_mean));

    /// <summary>The running variance (initially ones), or null when not tracking.</summary>
    public Tensor? running_var => OwnBuffer(nameof(running_var));

    /// <summary>The number of training batches seen (an int64 scalar), or null when not tracking.</summary>
    public Tensor? num_batches_tracked => OwnBuffer(nameof(num_batches_tracked));

    /// <summary>Resets the running statistics to mean 0, variance 1 and no batches.</summary>
    public void reset_running_stats()
    {
        using (no_grad())
        {
            running_mean?.zero_();
            running_var?.fill_(1);
            num_batches_tracked?.zero_();
        }
    }

    /// <summary>Resets the running statistics, the weight to ones and the bias to zeros.</summary>
    public void reset_parameters()
    {
        reset_running_stats();
        if (weight is not null && bias is not null)
        {
            nn.init.ones_(weight);
            nn.init.zeros_(bias);
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        var factor = momentum ?? 0.0;
        if (training)
        {
            RequireSeveralValuesPerChannel(input);
        }

        if (training && num_batches_tracked is { } count)
        {
            var call = new OpCall();
            call.Tensor(count);
            call.Int(1);
            call.Int(1);
            using (no_grad())
            {
                call.Invoke(AddInPlaceScalarOp);
            }

            factor = momentum ?? 1.0 / count.item<long>();
        }

        var useBatchStatistics = training || running_mean is null;
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, useBatchStatistics, factor, eps);
    }

    /// <summary>Throws unless the input has the rank this layer expects.</summary>
    /// <param name="input">The input.</param>
    private protected abstract void CheckInput(Tensor input);

    /// <inheritdoc/>
    protected override string extra_repr() =>
        $"{num_features}, eps={Repr.Number(eps)}, momentum={(momentum is { } m ? Repr.Number(m) : "None")}, affine={Repr.Bool(affine)}, track_running_stats={Repr.Bool(track_running_stats)}";

    private static void RequireSeveralValuesPerChannel(Tensor input)
    {
        var shape = input.shape;
        var perChannel = shape.Where((_, i) => i != 1).Aggregate(1L, (a, b) => a * b);
        if (perChannel == 1)
        {
            throw new ArgumentException($"expected more than 1 value per channel when training, got input of shape [{string.Join(", ", shape)}]", nameof(input));
        }
    }
}
