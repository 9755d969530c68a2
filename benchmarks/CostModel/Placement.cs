namespace MtlSharing.CostModel;

/// <summary>How the tasks of a multi-task model are spread over N ranks.</summary>
internal enum Placement
{
    /// <summary>Every rank trains every task on its shard of the data; every gradient is all-reduced over all N ranks.</summary>
    DataParallel,

    /// <summary>
    /// Tasks spread over ranks: T/N tasks per rank when T ≥ N, each task on N/T ranks when N &gt; T.
    /// Shared gradients are all-reduced over all N ranks, a task's own gradients only among the
    /// ranks that train it.
    /// </summary>
    TaskSharded,
}
