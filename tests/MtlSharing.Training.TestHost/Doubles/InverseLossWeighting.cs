using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>
/// A weighting with state, like DWA: task t's weight is 1 / (1 + its mean loss over the previous
/// epoch) (1/2 before the first epoch ends). Its state is those means, so a resume that lost it
/// would weight the losses differently.
/// </summary>
internal sealed class InverseLossWeighting : LossWeighting
{
    private readonly Dictionary<string, double> previous = [];

    public override string Name => "inverse_loss";

    public override void Backward(IReadOnlyDictionary<string, Tensor> losses)
    {
        using var scope = NewDisposeScope();
        var weights = losses.Keys.ToDictionary(t => t, t => 1 / (1 + previous.GetValueOrDefault(t, 1.0)));
        losses.Select(l => l.Value * weights[l.Key]).Aggregate((a, b) => a + b).backward();
        LastWeights = weights;
    }

    public override void EndEpoch(IReadOnlyDictionary<string, double> meanLosses)
    {
        foreach (var (task, mean) in meanLosses)
        {
            previous[task] = mean;
        }
    }

    public override Dictionary<string, Tensor> StateDict() =>
        previous.ToDictionary(p => "previous." + p.Key, p => tensor(p.Value, ScalarType.Float64));

    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        previous.Clear();
        foreach (var (key, value) in state)
        {
            previous[key["previous.".Length..]] = value.ToDouble();
        }
    }
}
