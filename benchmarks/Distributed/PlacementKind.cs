using MtlSharing.Distributed;

namespace MtlSharing.DistributedBench;

/// <summary>How the benchmark places the tasks on the ranks.</summary>
internal enum PlacementKind
{
    /// <summary>Every rank trains every task on its shard of the data (<see cref="TaskPlacement.Everywhere"/>).</summary>
    Everywhere,

    /// <summary>The tasks are divided among the ranks (<see cref="TaskPlacement.Spread"/>).</summary>
    Spread,
}
