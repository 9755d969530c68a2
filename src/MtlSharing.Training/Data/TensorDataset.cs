using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// An in-memory dataset for one task: its own copies of inputs <c>[N, ...]</c> (float32) and labels <c>[N]</c> (int64).
/// Dispose it to release the copies.
/// </summary>
public sealed class TensorDataset : ITaskDataset, IDisposable
{
    private readonly Tensor inputs;
    private readonly Tensor labels;

    /// <summary>Copies the inputs and labels (later changes to the arguments do not affect the dataset).</summary>
    /// <param name="inputs">Float32 inputs whose first dimension is the sample.</param>
    /// <param name="labels">Int64 class indices <c>[N]</c>, or <see cref="TaskLabels.Missing"/> for an unlabelled sample.</param>
    /// <exception cref="ArgumentException">The element types are wrong or the sample counts differ.</exception>
    public TensorDataset(Tensor inputs, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        OwnedTensors.CheckInputs(inputs, nameof(inputs));
        OwnedTensors.CheckLabels(labels, inputs.size(0), "labels", nameof(labels));
        this.inputs = OwnedTensors.Copy(inputs);
        this.labels = OwnedTensors.Copy(labels);
        Count = inputs.size(0);
        SampleShape = inputs.shape[1..];
    }

    /// <inheritdoc/>
    public long Count { get; }

    /// <summary>The shape of one sample's input (the input shape without its leading N).</summary>
    public IReadOnlyList<long> SampleShape { get; }

    /// <inheritdoc/>
    public (Tensor Inputs, Tensor Labels) Get(ReadOnlySpan<long> indices)
    {
        ObjectDisposedException.ThrowIf(inputs.IsInvalid, this);
        OwnedTensors.CheckIndices(indices, Count);
        using var index = tensor(indices.ToArray());
        return (inputs.index_select(0, index), labels.index_select(0, index));
    }

    /// <summary>Releases the dataset's tensors.</summary>
    public void Dispose()
    {
        inputs.Dispose();
        labels.Dispose();
    }
}
