using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// Splits one task's dataset into batches, epoch by epoch. With <see cref="DataLoaderOptions.Shuffle"/>,
/// epoch e visits the samples in an order that depends only on <see cref="DataLoaderOptions.Seed"/> and e,
/// and the transform of batch b draws from a stream that depends only on the seed, e and b: so
/// <c>Epoch(e, startBatch: k)</c> yields exactly the batches k, k+1, … of <c>Epoch(e)</c>, which is how
/// training resumes mid-epoch.
/// </summary>
public sealed class DataLoader
{
    private readonly ITaskDataset dataset;
    private readonly DataLoaderOptions options;
    private readonly BatchSchedule schedule;

    /// <summary>Creates a loader, checking the options against the dataset.</summary>
    /// <param name="dataset">The samples; the loader does not own it.</param>
    /// <param name="options">Batch size, shuffling, seed, drop-last and transform.</param>
    /// <exception cref="ArgumentException">
    /// The dataset is empty, or <see cref="DataLoaderOptions.DropLast"/> is set with a batch size larger than the dataset.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is less than 1.</exception>
    public DataLoader(ITaskDataset dataset, DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        schedule = new BatchSchedule(dataset.Count, options, nameof(dataset));
        this.dataset = dataset;
        this.options = options;
    }

    /// <summary>The number of batches each epoch yields.</summary>
    public int BatchesPerEpoch => schedule.BatchesPerEpoch;

    /// <summary>The options the loader was created with.</summary>
    public DataLoaderOptions Options => options;

    /// <summary>
    /// The batches of one epoch, from batch <paramref name="startBatch"/> on. Each batch is a pair of new
    /// tensors (inputs, labels) that the caller disposes (they join the caller's dispose scope, if one is open).
    /// </summary>
    /// <param name="epoch">The epoch number (0 for the first); it selects the order.</param>
    /// <param name="startBatch">The first batch to yield, in [0, <see cref="BatchesPerEpoch"/>], for resuming mid-epoch.</param>
    /// <returns>The remaining batches of the epoch, computed lazily.</returns>
    public IEnumerable<(Tensor Inputs, Tensor Labels)> Epoch(int epoch, int startBatch = 0)
    {
        schedule.CheckEpochArguments(epoch, startBatch);
        return Batches(epoch, startBatch);
    }

    private IEnumerable<(Tensor Inputs, Tensor Labels)> Batches(int epoch, int startBatch)
    {
        var order = schedule.Order(epoch);
        for (var batch = startBatch; batch < schedule.BatchesPerEpoch; batch++)
        {
            yield return Load(order, epoch, batch);
        }
    }

    private (Tensor Inputs, Tensor Labels) Load(long[] order, int epoch, int batch)
    {
        var (inputs, labels) = dataset.Get(schedule.Batch(order, batch));
        return (schedule.Transform(inputs, epoch, batch), labels);
    }
}
