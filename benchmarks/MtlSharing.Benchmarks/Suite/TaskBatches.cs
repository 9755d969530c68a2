using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>
/// Random inputs and targets for T tasks, made once before timing: one batch per task, and the
/// same samples as one mixed batch whose sample i belongs to task i mod T.
/// </summary>
public sealed class TaskBatches : IDisposable
{
    private readonly List<Tensor> owned = [];

    /// <summary>Makes the batches from a fixed seed.</summary>
    /// <param name="tasks">The task names.</param>
    /// <param name="batchPerTask">Samples per task.</param>
    /// <param name="sampleShape">One sample's shape.</param>
    /// <param name="classes">The number of classes of the targets.</param>
    public TaskBatches(IReadOnlyList<string> tasks, int batchPerTask, IReadOnlyList<long> sampleShape, int classes)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchPerTask, 1);
        manual_seed(1);
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var targets = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            inputs[task] = Own(randn([batchPerTask, .. sampleShape]));
            targets[task] = Own(randint(0, classes, [batchPerTask]));
        }

        Inputs = inputs;
        Targets = targets;

        // Stacking along a new dimension 1 and flattening it into 0 interleaves the tasks.
        using (var stacked = stack([.. tasks.Select(t => inputs[t])], 1))
        {
            MixedInput = Own(stacked.reshape([-1, .. sampleShape]));
        }

        using (var stacked = stack([.. tasks.Select(t => targets[t])], 1))
        {
            MixedTargets = Own(stacked.reshape(-1));
        }

        using (var ordinals = arange(tasks.Count))
        {
            MixedTaskIndex = Own(ordinals.repeat(batchPerTask));
        }
    }

    /// <summary>Each task's inputs, [batch, sample shape…].</summary>
    public IReadOnlyDictionary<string, Tensor> Inputs { get; }

    /// <summary>Each task's class targets, int64 [batch].</summary>
    public IReadOnlyDictionary<string, Tensor> Targets { get; }

    /// <summary>All tasks' samples interleaved, [T × batch, sample shape…].</summary>
    public Tensor MixedInput { get; }

    /// <summary>The task ordinal of each sample of <see cref="MixedInput"/>: 0, 1, …, T−1, 0, 1, …</summary>
    public Tensor MixedTaskIndex { get; }

    /// <summary>The targets of <see cref="MixedInput"/>, in its order.</summary>
    public Tensor MixedTargets { get; }

    /// <summary>Disposes every tensor.</summary>
    public void Dispose()
    {
        foreach (var tensor in owned)
        {
            tensor.Dispose();
        }

        owned.Clear();
    }

    private Tensor Own(Tensor tensor)
    {
        owned.Add(tensor);
        return tensor;
    }
}
