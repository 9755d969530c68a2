using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// A view of some samples of another task dataset, in a given order (no tensor is copied until <see cref="Get"/>).
/// The subset does not own the source: keep the source alive, and dispose it yourself.
/// </summary>
public sealed class Subset : ITaskDataset
{
    private readonly ITaskDataset source;
    private readonly long[] indices;

    /// <summary>Creates a view of the samples of <paramref name="source"/> at <paramref name="indices"/>.</summary>
    /// <param name="source">The dataset to view.</param>
    /// <param name="indices">Indices into the source, each in [0, source.Count); sample i of the subset is source sample indices[i].</param>
    public Subset(ITaskDataset source, IEnumerable<long> indices)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(indices);
        this.indices = [.. indices];
        OwnedTensors.CheckIndices(this.indices, source.Count);
        this.source = source;
    }

    /// <inheritdoc/>
    public long Count => indices.LongLength;

    /// <summary>The source indices this subset holds, in order.</summary>
    public IReadOnlyList<long> Indices => indices;

    /// <inheritdoc/>
    public (Tensor Inputs, Tensor Labels) Get(ReadOnlySpan<long> indices) =>
        source.Get(SubsetIndices.Map(this.indices, indices));
}
