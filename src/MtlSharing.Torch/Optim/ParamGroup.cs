namespace MtlSharing.Torch.Modules;

/// <summary>
/// A set of parameters that an optimizer updates with the same hyperparameters. Options not given
/// here come from the optimizer's defaults when the group is added to it; a group belongs to one
/// optimizer only.
/// </summary>
public sealed class ParamGroup
{
    private readonly List<Parameter> parameters;
    private readonly double? learningRate;
    private readonly double? weightDecay;
    private readonly OptimizerOptions? requested;
    private OptimizerOptions? options;

    /// <summary>Makes a group that overrides the optimizer's learning rate and/or weight decay.</summary>
    /// <param name="parameters">The parameters; each may appear in one group only.</param>
    /// <param name="lr">This group's learning rate, or null for the optimizer's.</param>
    /// <param name="weight_decay">This group's weight decay, or null for the optimizer's.</param>
    public ParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? weight_decay = null)
    {
        this.parameters = CopyParameters(parameters);
        learningRate = lr is { } l ? CheckNonNegative(l, nameof(lr)) : null;
        weightDecay = weight_decay is { } w ? CheckNonNegative(w, nameof(weight_decay)) : null;
    }

    /// <summary>Makes a group with options of its own (of the optimizer's options type).</summary>
    /// <param name="parameters">The parameters; each may appear in one group only.</param>
    /// <param name="options">The options; the group keeps a copy.</param>
    public ParamGroup(IEnumerable<Parameter> parameters, OptimizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.parameters = CopyParameters(parameters);
        requested = options with { };
    }

    /// <summary>The parameters of the group, in order.</summary>
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The group's hyperparameters; available once the group was added to an optimizer.</summary>
    public OptimizerOptions Options =>
        options ?? throw new InvalidOperationException("this parameter group has not been added to an optimizer yet; its options are settled then");

    /// <summary>The group's learning rate (PyTorch's <c>group['lr']</c>).</summary>
    public double LearningRate
    {
        get => Options.LearningRate;
        set => Options.LearningRate = value;
    }

    /// <summary>The learning rate a scheduler started from (PyTorch's <c>initial_lr</c>), or null before any scheduler.</summary>
    public double? InitialLearningRate
    {
        get;
        set => field = value is { } v ? CheckNonNegative(v, "initial_lr") : null;
    }

    /// <summary>Whether the group already belongs to an optimizer.</summary>
    internal bool IsAttached => options is not null;

    /// <summary>Works out the options this group would get from an optimizer's defaults, changing nothing.</summary>
    internal OptimizerOptions Resolve(OptimizerOptions defaults)
    {
        if (IsAttached)
        {
            throw new ArgumentException("this parameter group already belongs to an optimizer; make a new ParamGroup for each optimizer");
        }

        OptimizerOptions resolved;
        if (requested is not null)
        {
            if (requested.GetType() != defaults.GetType())
            {
                throw new ArgumentException($"this optimizer takes {defaults.GetType().Name} but the group was given {requested.GetType().Name}");
            }

            resolved = requested with { };
        }
        else
        {
            resolved = defaults with { };
            if (learningRate is { } lr)
            {
                resolved.LearningRate = lr;
            }

            if (weightDecay is { } wd)
            {
                resolved = resolved with { WeightDecay = wd };
            }
        }

        resolved.Validate();
        return resolved;
    }

    /// <summary>Gives the group its settled options (when added to an optimizer, or on load_state_dict).</summary>
    internal void Attach(OptimizerOptions settled) => options = settled;

    private static List<Parameter> CopyParameters(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        var nullIndex = list.FindIndex(p => p is null);
        if (nullIndex >= 0)
        {
            throw new ArgumentException($"parameter {nullIndex} of the group is null", nameof(parameters));
        }

        return list;
    }

    private static double CheckNonNegative(double value, string name)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a non-negative number; got {value}");
        }

        return value;
    }
}
