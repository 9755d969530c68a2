using MtlSharing.Training.Data;

namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>A multi-label dataset held in arrays: row i of the inputs and, per task, label i.</summary>
internal sealed class InMemoryMultiLabelDataset(float[,] inputs, IReadOnlyDictionary<string, long[]> labels) : IMultiLabelDataset
{
    public long Count => inputs.GetLength(0);

    public IReadOnlyList<string> Tasks { get; } = [.. labels.Keys];

    public (Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels) Get(ReadOnlySpan<long> indices)
    {
        var features = inputs.GetLength(1);
        var x = new float[indices.Length * features];
        for (var i = 0; i < indices.Length; i++)
        {
            for (var f = 0; f < features; f++)
            {
                x[(i * features) + f] = inputs[indices[i], f];
            }
        }

        var rows = indices.ToArray();
        var y = labels.ToDictionary(l => l.Key, l => tensor(rows.Select(r => l.Value[r]).ToArray()));
        return (tensor(x, new long[] { indices.Length, features }), y);
    }
}
