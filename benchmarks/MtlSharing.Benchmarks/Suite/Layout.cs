namespace MtlSharing.Benchmarks.Suite;

/// <summary>
/// The sharing layouts the suite measures, in the order the tables list them. The benchmark takes
/// every value (<c>[ParamsAllValues]</c>); <see cref="LayoutPlans"/> turns one into a plan.
/// </summary>
public enum Layout
{
    /// <summary>Every backbone layer shared; only the heads are per task.</summary>
    FullyShared,

    /// <summary>The top (output-side) k blocks per task, the rest shared.</summary>
    TopSpecific,

    /// <summary>The bottom (input-side) k blocks per task, the rest shared.</summary>
    BottomSpecific,

    /// <summary>Every layer per task: T separate models in one module.</summary>
    Independent,

    /// <summary>Per-task BatchNorm layers, everything else shared.</summary>
    NormOnly,
}
