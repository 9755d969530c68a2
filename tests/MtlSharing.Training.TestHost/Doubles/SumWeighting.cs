using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>Every task's loss has weight 1: the gradient of their sum.</summary>
internal sealed class SumWeighting : LossWeighting
{
    public override string Name => "sum";

    public int BackwardCalls { get; private set; }

    public List<IReadOnlyDictionary<string, double>> EpochMeans { get; } = [];

    public override void Backward(IReadOnlyDictionary<string, Tensor> losses)
    {
        using var scope = NewDisposeScope();
        losses.Values.Aggregate((a, b) => a + b).backward();
        LastWeights = losses.Keys.ToDictionary(t => t, _ => 1.0);
        BackwardCalls++;
    }

    public override void EndEpoch(IReadOnlyDictionary<string, double> meanLosses) => EpochMeans.Add(meanLosses);
}
