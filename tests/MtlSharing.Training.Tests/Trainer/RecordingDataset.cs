using MtlSharing.Training.Data;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>Wraps a dataset and records the sample indices of every batch asked of it.</summary>
internal sealed class RecordingDataset(ITaskDataset inner) : ITaskDataset
{
    public List<long[]> Requests { get; } = [];

    public long Count => inner.Count;

    /// <summary>The first and last index of each request, e.g. "8-15".</summary>
    public IEnumerable<string> Ranges => Requests.Select(r => $"{r[0]}-{r[^1]}");

    public (torch.Tensor Inputs, torch.Tensor Labels) Get(ReadOnlySpan<long> indices)
    {
        Requests.Add(indices.ToArray());
        return inner.Get(indices);
    }
}
