namespace MtlSharing.Metrics;

/// <summary>A snapshot of one task's classification metrics; all accuracies are fractions in [0, 1].</summary>
/// <param name="Count">The number of counted samples.</param>
/// <param name="Accuracy">The fraction of samples predicted correctly.</param>
/// <param name="TopK">Top-k accuracy by k.</param>
/// <param name="PerClassAccuracy">The accuracy within each true class; NaN for a class with no samples.</param>
/// <param name="MacroAccuracy">The mean per-class accuracy over the classes that have samples.</param>
public sealed record ClassificationResult(
    long Count,
    double Accuracy,
    IReadOnlyDictionary<int, double> TopK,
    IReadOnlyList<double> PerClassAccuracy,
    double MacroAccuracy);
