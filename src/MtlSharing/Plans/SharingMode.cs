namespace MtlSharing.Plans;

/// <summary>How the tasks use one layer: shared by all, one copy per task, one copy per group, or frozen.</summary>
public abstract record SharingMode
{
    private SharingMode()
    {
    }

    /// <summary>One copy used by every task (the default for layers no rule names).</summary>
    public static SharingMode Shared { get; } = new SharedMode();

    /// <summary>One copy per task.</summary>
    public static SharingMode PerTask { get; } = new PerTaskMode();

    /// <summary>One shared copy that receives no gradient.</summary>
    public static SharingMode Frozen { get; } = new FrozenMode();

    /// <summary>One copy per group of a partition of the tasks; tasks in a group share that copy.</summary>
    /// <param name="groups">The groups; together they must hold every task exactly once.</param>
    /// <returns>The mode.</returns>
    public static SharingMode Groups(params IEnumerable<string>[] groups) => new GroupsMode(new TaskPartition(groups));

    /// <summary>One copy per group of a partition of the tasks.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The mode.</returns>
    public static SharingMode Groups(TaskPartition partition) => new GroupsMode(partition);

    /// <summary>Whether tasks get separate copies of the layer under this mode.</summary>
    public bool IsTaskSpecific => this is PerTaskMode or GroupsMode;

    /// <summary>Every task uses the same copy.</summary>
    public sealed record SharedMode : SharingMode
    {
        /// <inheritdoc />
        public override string ToString() => "shared";
    }

    /// <summary>Each task has its own copy.</summary>
    public sealed record PerTaskMode : SharingMode
    {
        /// <inheritdoc />
        public override string ToString() => "per task";
    }

    /// <summary>Shared and excluded from training.</summary>
    public sealed record FrozenMode : SharingMode
    {
        /// <inheritdoc />
        public override string ToString() => "frozen";
    }

    /// <summary>Each group of tasks has its own copy.</summary>
    /// <param name="Partition">The groups.</param>
    public sealed record GroupsMode(TaskPartition Partition) : SharingMode
    {
        /// <inheritdoc />
        public override string ToString() => $"groups {Partition}";
    }
}
