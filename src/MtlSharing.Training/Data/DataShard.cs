namespace MtlSharing.Training.Data;

/// <summary>
/// One of <see cref="Count"/> disjoint shards of a dataset, for data-parallel training: every
/// process shuffles the whole dataset the same way (the loader's seed and the epoch), and shard i
/// takes the samples at positions i, i + Count, i + 2·Count, … of that order. The tail that does
/// not fill a position on every shard is left out, so shards are disjoint and equal in size, and
/// batch b of the shards together is batch b of one loader with Count times the batch size.
/// </summary>
/// <param name="Index">This process's shard, 0 … Count − 1.</param>
/// <param name="Count">The number of shards (processes that share the task's data).</param>
public sealed record DataShard(int Index, int Count)
{
    /// <summary>The whole dataset.</summary>
    public static DataShard Whole { get; } = new(0, 1);

    /// <summary>Throws unless 0 ≤ Index &lt; Count.</summary>
    internal void Validate()
    {
        if (Count < 1 || Index < 0 || Index >= Count)
        {
            throw new ArgumentException($"shard {Index} of {Count} is not a shard; a shard index is 0 … Count − 1 and Count is at least 1", "options");
        }
    }

    /// <summary>The samples each shard holds out of <paramref name="count"/>.</summary>
    internal long Length(long count) => count / Count;
}
