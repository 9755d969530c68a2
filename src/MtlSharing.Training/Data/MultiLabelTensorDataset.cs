using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// An in-memory single-input dataset: its own copies of inputs <c>[N, ...]</c> (float32) and, for each task,
/// labels <c>[N]</c> (int64, <see cref="TaskLabels.Missing"/> where a sample has no label for that task).
/// Dispose it to release the copies.
/// </summary>
public sealed class MultiLabelTensorDataset : IMultiLabelDataset, IDisposable
{
    private readonly Tensor inputs;
    private readonly Dictionary<string, Tensor> labels;

    /// <summary>Copies the inputs and every task's labels.</summary>
    /// <param name="inputs">Float32 inputs whose first dimension is the sample.</param>
    /// <param name="labels">Per task, int64 labels <c>[N]</c>; the dictionary's order becomes <see cref="Tasks"/>.</param>
    /// <exception cref="ArgumentException">There is no task, a task name is blank, or an element type or sample count is wrong.</exception>
    public MultiLabelTensorDataset(Tensor inputs, IReadOnlyDictionary<string, Tensor> labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        OwnedTensors.CheckInputs(inputs, nameof(inputs));
        if (labels.Count == 0)
        {
            throw new ArgumentException("a multi-label dataset needs labels for at least one task", nameof(labels));
        }

        var count = inputs.size(0);
        foreach (var (task, taskLabels) in labels)
        {
            if (string.IsNullOrWhiteSpace(task))
            {
                throw new ArgumentException("task names must not be blank", nameof(labels));
            }

            ArgumentNullException.ThrowIfNull(taskLabels, $"{nameof(labels)}[\"{task}\"]");
            OwnedTensors.CheckLabels(taskLabels, count, $"the labels of task '{task}'", nameof(labels));
        }

        this.inputs = OwnedTensors.Copy(inputs);
        this.labels = labels.ToDictionary(pair => pair.Key, pair => OwnedTensors.Copy(pair.Value));
        Tasks = [.. labels.Keys];
        Count = count;
    }

    /// <inheritdoc/>
    public long Count { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Tasks { get; }

    /// <inheritdoc/>
    public (Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels) Get(ReadOnlySpan<long> indices)
    {
        ObjectDisposedException.ThrowIf(inputs.IsInvalid, this);
        OwnedTensors.CheckIndices(indices, Count);
        using var index = tensor(indices.ToArray());
        var batchLabels = new Dictionary<string, Tensor>(Tasks.Count);
        foreach (var task in Tasks)
        {
            batchLabels[task] = labels[task].index_select(0, index);
        }

        return (inputs.index_select(0, index), batchLabels);
    }

    /// <summary>Releases the dataset's tensors.</summary>
    public void Dispose()
    {
        inputs.Dispose();
        foreach (var taskLabels in labels.Values)
        {
            taskLabels.Dispose();
        }
    }
}
