using MtlSharing.Metrics;

namespace RethinkingSharing.Tests;

/// <summary>Made-up results over two tasks, "a" and "b", for the tests of the sample's reporting.</summary>
internal static class Made
{
    public static readonly string[] Tasks = ["a", "b"];

    public static readonly StudySetting Setting = new("budgets", "resnet18", 8, Tasks);

    public static readonly Arm Independent = new(ArmKind.Independent, null, NormRegime.AsLayout);

    public static readonly Arm Shared = new(ArmKind.Shared, null, NormRegime.AsLayout);

    public static Arm Top(double share, NormRegime regime = NormRegime.AsLayout) => new(ArmKind.Top, BudgetPoint.Share(share), regime);

    public static Arm Bottom(double share, NormRegime regime = NormRegime.AsLayout) => new(ArmKind.Bottom, BudgetPoint.Share(share), regime);

    public static RunResult Run(Arm arm, int seed, double a, double b, double share, long parameters, double seconds = 1, int? layers = null, StudySetting? setting = null) =>
        new(setting ?? Setting, arm, layers, seed, new Dictionary<string, double> { ["a"] = a, ["b"] = b }, share, parameters, seconds);

    /// <summary>Runs whose two tasks both have the given accuracy per seed.</summary>
    public static IEnumerable<RunResult> Runs(Arm arm, double[] accuracies, double share, int? layers = null, long parameters = 1000) =>
        accuracies.Select((accuracy, seed) => Run(arm, seed, accuracy, accuracy, share, parameters, layers: layers));

    /// <summary>Two seeds of independent and shared and three of bottom@10%; the expected numbers are in <see cref="ArmSummaryTests"/>.</summary>
    public static List<RunResult> Runs() =>
    [
        Run(Independent, 0, 0.8, 0.5, 1.0, 2000, seconds: 2),
        Run(Independent, 1, 0.6, 0.5, 1.0, 2000, seconds: 4),
        Run(Shared, 0, 0.74, 0.5, 0.01, 1000),
        Run(Shared, 1, 0.80, 0.6, 0.01, 1000),
        Run(Bottom(0.1), 0, 0.6, 0.4, 0.1, 1100, layers: 2),
        Run(Bottom(0.1), 1, 0.7, 0.4, 0.1, 1100, layers: 2),
        Run(Bottom(0.1), 2, 0.8, 0.4, 0.1, 1100, layers: 2),
    ];
}
