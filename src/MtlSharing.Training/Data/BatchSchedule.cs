using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// The order and batch boundaries of a loader's epochs, shared by <see cref="DataLoader"/> and
/// <see cref="MultiLabelDataLoader"/>. Epoch e's order is a Fisher–Yates shuffle drawn from a stream
/// that depends on (seed, e) only, so any batch of any epoch can be recomputed without the ones before it.
/// </summary>
internal sealed class BatchSchedule
{
    private readonly long datasetCount;
    private readonly long count;
    private readonly DataShard shard;
    private readonly DataLoaderOptions options;

    public BatchSchedule(long datasetCount, DataLoaderOptions options, string datasetParameter)
    {
        ArgumentNullException.ThrowIfNull(options);
        shard = options.Shard ?? DataShard.Whole;
        shard.Validate();
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"the batch size must be at least 1; got {options.BatchSize}");
        }

        if (datasetCount < 1)
        {
            throw new ArgumentException("the dataset is empty: a loader needs at least one sample", datasetParameter);
        }

        var count = shard.Length(datasetCount);
        if (count < 1)
        {
            throw new ArgumentException($"the dataset's {datasetCount} samples cannot give each of {shard.Count} shards a sample; use fewer processes for this task or more data", datasetParameter);
        }

        if (options.DropLast && options.BatchSize > count)
        {
            throw new ArgumentException(
                $"the batch size {options.BatchSize} is larger than the dataset ({count} samples) and DropLast is set, so an epoch would have no batch; " +
                $"use a batch size of at most {count} or turn DropLast off",
                nameof(options));
        }

        var batches = options.DropLast ? count / options.BatchSize : (count + options.BatchSize - 1) / options.BatchSize;
        if (batches > int.MaxValue)
        {
            throw new ArgumentException($"{count} samples in batches of {options.BatchSize} make {batches} batches per epoch, more than {int.MaxValue}", nameof(options));
        }

        this.datasetCount = datasetCount;
        this.count = count;
        this.options = options;
        BatchesPerEpoch = (int)batches;
    }

    public int BatchesPerEpoch { get; }

    /// <summary>Checks the arguments of an Epoch call, so that a bad one fails at the call rather than at the first MoveNext.</summary>
    public void CheckEpochArguments(int epoch, int startBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(startBatch);
        if (startBatch > BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(startBatch), startBatch, $"an epoch has {BatchesPerEpoch} batches; startBatch must be in [0, {BatchesPerEpoch}]");
        }
    }

    /// <summary>The sample indices of epoch <paramref name="epoch"/> in this loader's shard, in the order its batches take them.</summary>
    public long[] Order(int epoch)
    {
        var order = new long[datasetCount];
        for (long i = 0; i < datasetCount; i++)
        {
            order[i] = i;
        }

        if (options.Shuffle)
        {
            var random = SeedMix.Create(options.Seed, SeedMix.ShufflePurpose, epoch);
            for (var i = datasetCount - 1; i > 0; i--)
            {
                var j = random.NextInt64(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        if (shard.Count == 1)
        {
            return order;
        }

        var mine = new long[count];
        for (long i = 0; i < count; i++)
        {
            mine[i] = order[(i * shard.Count) + shard.Index];
        }

        return mine;
    }

    /// <summary>The slice of <see cref="Order"/> that batch <paramref name="batch"/> covers.</summary>
    public ReadOnlySpan<long> Batch(long[] order, int batch)
    {
        var start = (long)batch * options.BatchSize;
        var length = Math.Min(options.BatchSize, count - start);
        return order.AsSpan((int)start, (int)length);
    }

    /// <summary>
    /// Applies the options' transform to batch <paramref name="batch"/> of epoch <paramref name="epoch"/>,
    /// with a random stream that depends only on the seed, the epoch and the batch; the untransformed
    /// inputs are disposed when the transform made new ones. Without a transform, returns the inputs.
    /// </summary>
    public Tensor Transform(Tensor inputs, int epoch, int batch)
    {
        if (options.Transform is not { } transform)
        {
            return inputs;
        }

        var random = shard.Count == 1
            ? SeedMix.Create(options.Seed, SeedMix.TransformPurpose, epoch, batch)
            : SeedMix.Create(options.Seed, SeedMix.TransformPurpose, epoch, batch, shard.Index);
        var transformed = transform.Apply(inputs, random);
        if (!ReferenceEquals(transformed, inputs))
        {
            inputs.Dispose();
        }

        return transformed;
    }
}
