using MtlSharing.Training.Data;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>Wraps a dataset; while <see cref="Poisoned"/> is set, every input it gives is NaN.</summary>
internal sealed class PoisonableDataset(ITaskDataset inner) : ITaskDataset
{
    public bool Poisoned { get; set; }

    public long Count => inner.Count;

    public (torch.Tensor Inputs, torch.Tensor Labels) Get(ReadOnlySpan<long> indices)
    {
        var (inputs, labels) = inner.Get(indices);
        if (Poisoned)
        {
            inputs.fill_(double.NaN);
        }

        return (inputs, labels);
    }
}
