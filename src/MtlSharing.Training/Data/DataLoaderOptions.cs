namespace MtlSharing.Training.Data;

/// <summary>How a <see cref="DataLoader"/> or <see cref="MultiLabelDataLoader"/> splits a dataset into batches.</summary>
public sealed record DataLoaderOptions
{
    /// <summary>The number of samples per batch (the last batch may be smaller unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Whether each epoch visits the samples in a fresh random order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed: the order of epoch e, and the random stream of the transform of its batch b, depend on this seed, e and b only.</summary>
    public long Seed { get; init; }

    /// <summary>Whether to leave out the last batch when it would be smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    /// <summary>
    /// For data-parallel training: the shard of every epoch's order this loader yields (see
    /// <see cref="DataShard"/>); null or <see cref="DataShard.Whole"/> yields every sample. The
    /// transform's random stream also depends on the shard, so shards are not augmented alike.
    /// </summary>
    public DataShard? Shard { get; init; }

    /// <summary>An optional transform applied to the inputs of every batch.</summary>
    public ITransform? Transform { get; init; }
}
