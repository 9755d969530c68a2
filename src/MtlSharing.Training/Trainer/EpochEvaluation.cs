using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>Runs the user's evaluation after an epoch: eval mode, no gradients, the training's autocast, temporaries released.</summary>
internal static class EpochEvaluation
{
    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();

    /// <summary>Evaluates the model, then puts it back in training mode.</summary>
    /// <param name="evaluate">The evaluation, or null for none.</param>
    /// <param name="model">The model.</param>
    /// <param name="epoch">The epoch that just ended.</param>
    /// <param name="lowPrecision">The autocast type to evaluate under, or null for float32.</param>
    /// <returns>The metrics (a copy), or none.</returns>
    public static IReadOnlyDictionary<string, double> Run(Func<MultiTaskModel, int, IReadOnlyDictionary<string, double>>? evaluate, MultiTaskModel model, int epoch, ScalarType? lowPrecision)
    {
        if (evaluate is null)
        {
            return None;
        }

        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var mixedPrecision = lowPrecision is { } type ? Autocast.Enter(type) : null;
            var metrics = evaluate(model, epoch) ?? throw new InvalidOperationException($"the Evaluate function returned null for epoch {epoch}");
            return metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        }
        finally
        {
            model.train();
        }
    }

    /// <summary>The kept metric.</summary>
    /// <param name="metrics">The epoch's metrics.</param>
    /// <param name="name">The metric's name (KeepBestBy).</param>
    /// <returns>Its value.</returns>
    /// <exception cref="InvalidOperationException">The metrics lack it.</exception>
    public static double Metric(IReadOnlyDictionary<string, double> metrics, string name) =>
        metrics.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"the Evaluate function returned no metric '{name}' (KeepBestBy); it returned {(metrics.Count == 0 ? "no metric" : string.Join(", ", metrics.Keys))}");
}
