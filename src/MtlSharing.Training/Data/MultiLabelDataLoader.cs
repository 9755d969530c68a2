using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// Splits a single-input dataset (a label per task for each sample) into batches, epoch by epoch,
/// with the same options and the same determinism as <see cref="DataLoader"/>: the order of epoch e
/// depends only on the seed and e, so <c>Epoch(e, startBatch: k)</c> yields exactly the tail of <c>Epoch(e)</c>.
/// </summary>
public sealed class MultiLabelDataLoader
{
    private readonly IMultiLabelDataset dataset;
    private readonly DataLoaderOptions options;
    private readonly BatchSchedule schedule;

    /// <summary>Creates a loader, checking the options against the dataset.</summary>
    /// <param name="dataset">The samples; the loader does not own it.</param>
    /// <param name="options">Batch size, shuffling, seed, drop-last and transform.</param>
    /// <exception cref="ArgumentException">
    /// The dataset is empty, or <see cref="DataLoaderOptions.DropLast"/> is set with a batch size larger than the dataset.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is less than 1.</exception>
    public MultiLabelDataLoader(IMultiLabelDataset dataset, DataLoaderOptions options)
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

    /// <summary>The tasks whose labels each batch carries.</summary>
    public IReadOnlyList<string> Tasks => dataset.Tasks;

    /// <summary>
    /// The batches of one epoch, from batch <paramref name="startBatch"/> on. Each batch holds new tensors
    /// (the inputs and one label tensor per task) that the caller disposes.
    /// </summary>
    /// <param name="epoch">The epoch number (0 for the first); it selects the order.</param>
    /// <param name="startBatch">The first batch to yield, in [0, <see cref="BatchesPerEpoch"/>], for resuming mid-epoch.</param>
    /// <returns>The remaining batches of the epoch, computed lazily.</returns>
    public IEnumerable<(Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels)> Epoch(int epoch, int startBatch = 0)
    {
        schedule.CheckEpochArguments(epoch, startBatch);
        return Batches(epoch, startBatch);
    }

    private IEnumerable<(Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels)> Batches(int epoch, int startBatch)
    {
        var order = schedule.Order(epoch);
        for (var batch = startBatch; batch < schedule.BatchesPerEpoch; batch++)
        {
            yield return Load(order, epoch, batch);
        }
    }

    private (Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels) Load(long[] order, int epoch, int batch)
    {
        var (inputs, labels) = dataset.Get(schedule.Batch(order, batch));
        return (schedule.Transform(inputs, epoch, batch), labels);
    }
}
