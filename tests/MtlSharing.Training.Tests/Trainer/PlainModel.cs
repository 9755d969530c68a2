using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Training.Data;
using MtlSharing.Training.TestHost;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>
/// The tiny tasks on a model without randomness or batch statistics (Linear → ReLU backbone,
/// linear heads), so a step can be recomputed by hand; loaders do not shuffle.
/// </summary>
internal static class PlainModel
{
    public static MultiTaskModel Make(long seed = 21)
    {
        manual_seed(seed);
        var backbone = nn.Sequential(nn.Linear(TinyScenario.Features, TinyScenario.Hidden), nn.ReLU());
        return SharingPlan.For(TinyScenario.Tasks, t => nn.Linear(TinyScenario.Hidden, TinyScenario.Classes(t))).Apply(backbone);
    }

    public static DataLoaderOptions InOrder { get; } = new() { BatchSize = 8, Shuffle = false };

    public static TrainingData Data(IReadOnlyDictionary<string, ITaskDataset> datasets) =>
        TrainingData.PerTask(datasets, datasets.Keys.ToDictionary(t => t, _ => InOrder));

    public static Dictionary<string, ITaskDataset> Datasets() =>
        TinyScenario.Datasets().ToDictionary(d => d.Key, d => (ITaskDataset)d.Value);
}
