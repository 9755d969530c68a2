// Temporary stand-ins for the shared contract types so the trainer compiles before the data,
// sampling and weighting branches land. Delete this file at merge: the real implementations
// replace it, with exactly these signatures.
using MtlSharing.Routing;
using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Training.Data
{
    /// <summary>One task's samples: inputs [N, ...] float32 and labels [N] int64 (class index; -100 = missing).</summary>
    public interface ITaskDataset
    {
        /// <summary>The number of samples.</summary>
        long Count { get; }

        /// <summary>Copies the samples at the given indices into a new batch (inputs, labels); caller disposes.</summary>
        /// <param name="indices">The sample indices.</param>
        /// <returns>The batch.</returns>
        (Tensor Inputs, Tensor Labels) Get(ReadOnlySpan<long> indices);
    }

    /// <summary>Single-input problems: one set of inputs, a label per task for each sample (-100 = missing).</summary>
    public interface IMultiLabelDataset
    {
        /// <summary>The number of samples.</summary>
        long Count { get; }

        /// <summary>The tasks that have labels.</summary>
        IReadOnlyList<string> Tasks { get; }

        /// <summary>Copies the samples at the given indices into a new batch; caller disposes.</summary>
        /// <param name="indices">The sample indices.</param>
        /// <returns>The inputs and each task's labels.</returns>
        (Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels) Get(ReadOnlySpan<long> indices);
    }

    /// <summary>Transforms a batch of inputs.</summary>
    public interface ITransform
    {
        /// <summary>Transforms the inputs.</summary>
        /// <param name="inputs">The inputs.</param>
        /// <param name="random">The seeded random source.</param>
        /// <returns>The transformed inputs.</returns>
        Tensor Apply(Tensor inputs, Random random);
    }

    /// <summary>Options of a loader.</summary>
    public sealed record DataLoaderOptions
    {
        /// <summary>The batch size.</summary>
        public int BatchSize { get; init; } = 64;

        /// <summary>Whether each epoch shuffles.</summary>
        public bool Shuffle { get; init; } = true;

        /// <summary>The shuffling seed; epoch e uses Seed and e only.</summary>
        public long Seed { get; init; }

        /// <summary>Drop the last incomplete batch.</summary>
        public bool DropLast { get; init; }

        /// <summary>A transform applied to inputs per batch.</summary>
        public ITransform? Transform { get; init; }
    }

    /// <summary>Batches of one task's dataset.</summary>
    public sealed class DataLoader
    {
        private readonly ITaskDataset dataset;
        private readonly DataLoaderOptions options;

        /// <summary>Makes a loader.</summary>
        /// <param name="dataset">The dataset.</param>
        /// <param name="options">The options.</param>
        public DataLoader(ITaskDataset dataset, DataLoaderOptions options)
        {
            this.dataset = dataset;
            this.options = options;
        }

        /// <summary>The number of batches of one epoch.</summary>
        public int BatchesPerEpoch => StubBatching.Count(dataset.Count, options);

        /// <summary>The batches of one epoch, from batch <paramref name="startBatch"/>.</summary>
        /// <param name="epoch">The epoch.</param>
        /// <param name="startBatch">The first batch.</param>
        /// <returns>The batches.</returns>
        public IEnumerable<(Tensor Inputs, Tensor Labels)> Epoch(int epoch, int startBatch = 0)
        {
            var order = StubBatching.Order(dataset.Count, options, epoch);
            for (var b = startBatch; b < BatchesPerEpoch; b++)
            {
                var batch = dataset.Get(StubBatching.Slice(order, options, b));
                yield return (StubBatching.Transform(batch.Inputs, options, epoch, b), batch.Labels);
            }
        }
    }

    /// <summary>Batches of a multi-label dataset.</summary>
    public sealed class MultiLabelDataLoader
    {
        private readonly IMultiLabelDataset dataset;
        private readonly DataLoaderOptions options;

        /// <summary>Makes a loader.</summary>
        /// <param name="dataset">The dataset.</param>
        /// <param name="options">The options.</param>
        public MultiLabelDataLoader(IMultiLabelDataset dataset, DataLoaderOptions options)
        {
            this.dataset = dataset;
            this.options = options;
        }

        /// <summary>The number of batches of one epoch.</summary>
        public int BatchesPerEpoch => StubBatching.Count(dataset.Count, options);

        /// <summary>The batches of one epoch, from batch <paramref name="startBatch"/>.</summary>
        /// <param name="epoch">The epoch.</param>
        /// <param name="startBatch">The first batch.</param>
        /// <returns>The batches.</returns>
        public IEnumerable<(Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels)> Epoch(int epoch, int startBatch = 0)
        {
            var order = StubBatching.Order(dataset.Count, options, epoch);
            for (var b = startBatch; b < BatchesPerEpoch; b++)
            {
                var batch = dataset.Get(StubBatching.Slice(order, options, b));
                yield return (StubBatching.Transform(batch.Inputs, options, epoch, b), batch.Labels);
            }
        }
    }

    internal static class StubBatching
    {
        public static int Count(long samples, DataLoaderOptions options) =>
            (int)(options.DropLast ? samples / options.BatchSize : (samples + options.BatchSize - 1) / options.BatchSize);

        public static long[] Order(long samples, DataLoaderOptions options, int epoch)
        {
            var order = Enumerable.Range(0, (int)samples).Select(i => (long)i).ToArray();
            if (options.Shuffle)
            {
                new Random(unchecked((int)(options.Seed * 1_000_003 + epoch))).Shuffle(order);
            }

            return order;
        }

        public static long[] Slice(long[] order, DataLoaderOptions options, int batch) =>
            order.Skip(batch * options.BatchSize).Take(options.BatchSize).ToArray();

        public static Tensor Transform(Tensor inputs, DataLoaderOptions options, int epoch, int batch)
        {
            if (options.Transform is null)
            {
                return inputs;
            }

            var result = options.Transform.Apply(inputs, new Random(unchecked((int)(options.Seed * 7919 + epoch * 104_729 + batch))));
            if (!ReferenceEquals(result, inputs))
            {
                inputs.Dispose();
            }

            return result;
        }
    }
}

namespace MtlSharing.Training.Sampling
{
    /// <summary>Decides, for one epoch, which tasks' batches each optimizer step uses.</summary>
    public interface ITaskSampler
    {
        /// <summary>The sampler's name.</summary>
        string Name { get; }

        /// <summary>One entry per optimizer step: the tasks whose next batch that step consumes.</summary>
        /// <param name="epoch">The epoch.</param>
        /// <param name="batchesPerTask">How many batches each task's loader yields per epoch.</param>
        /// <returns>The plan of the epoch.</returns>
        IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask);
    }
}

namespace MtlSharing.Training.Weighting
{
    /// <summary>Combines per-task losses into gradients.</summary>
    public abstract class LossWeighting
    {
        /// <summary>The method's name.</summary>
        public abstract string Name { get; }

        /// <summary>The weight each task's loss had in the last Backward.</summary>
        public IReadOnlyDictionary<string, double> LastWeights { get; protected set; } = new Dictionary<string, double>();

        /// <summary>Called once before training with the model and its tasks.</summary>
        /// <param name="model">The model.</param>
        public virtual void Initialize(MultiTaskModel model)
        {
        }

        /// <summary>Learnable weighting parameters the trainer's optimizer must also update.</summary>
        /// <returns>The parameters.</returns>
        public virtual IEnumerable<Parameter> Parameters() => [];

        /// <summary>Writes the gradients of this step's per-task losses into .grad.</summary>
        /// <param name="losses">The per-task losses.</param>
        public abstract void Backward(IReadOnlyDictionary<string, Tensor> losses);

        /// <summary>Called at the end of each epoch with each task's mean training loss.</summary>
        /// <param name="meanLosses">The mean losses.</param>
        public virtual void EndEpoch(IReadOnlyDictionary<string, double> meanLosses)
        {
        }

        /// <summary>State for checkpoints.</summary>
        /// <returns>Copies the caller owns.</returns>
        public virtual Dictionary<string, Tensor> StateDict() => new();

        /// <summary>Restores state from a checkpoint.</summary>
        /// <param name="state">The state.</param>
        public virtual void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
        {
        }
    }
}
