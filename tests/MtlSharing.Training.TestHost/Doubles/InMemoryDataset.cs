using MtlSharing.Training.Data;

namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>A task dataset held in arrays: row i of the inputs and label i.</summary>
internal sealed class InMemoryDataset(float[,] inputs, long[] labels) : ITaskDataset
{
    public long Count => labels.Length;

    public (Tensor Inputs, Tensor Labels) Get(ReadOnlySpan<long> indices)
    {
        var features = inputs.GetLength(1);
        var x = new float[indices.Length * features];
        var y = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            for (var f = 0; f < features; f++)
            {
                x[(i * features) + f] = inputs[indices[i], f];
            }

            y[i] = labels[indices[i]];
        }

        return (tensor(x, new long[] { indices.Length, features }), tensor(y));
    }
}
