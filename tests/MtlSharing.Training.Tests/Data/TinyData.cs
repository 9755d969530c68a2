using MtlSharing.Training.Data;

namespace MtlSharing.Training.Tests.Data;

/// <summary>Small datasets whose samples say who they are: sample i has input value i (shape [N, 1]) and label i % classes.</summary>
internal static class TinyData
{
    public static TensorDataset Indexed(int count, int classes = int.MaxValue)
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(Enumerable.Range(0, count).Select(i => (float)i).ToArray(), new long[] { count, 1 });
        var labels = tensor(Enumerable.Range(0, count).Select(i => (long)(i % classes)).ToArray());
        return new TensorDataset(inputs, labels);
    }

    /// <summary>The input values of a batch of <see cref="Indexed"/> samples, as sample indices.</summary>
    public static long[] SampleIds(torch.Tensor inputs) => inputs.data<float>().ToArray().Select(v => (long)v).ToArray();
}
