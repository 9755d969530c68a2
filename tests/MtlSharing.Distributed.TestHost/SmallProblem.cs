using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Selectors;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;

namespace MtlSharing.Distributed.TestHost;

/// <summary>
/// Small classification tasks for the equivalence scenarios: 64 samples of 8 features per task,
/// 3 classes from a task-specific linear rule. The backbone is three linear layers without
/// BatchNorm (whose batch statistics would differ between one batch of 2b and two of b), so the
/// distributed and the single-process runs must agree to rounding.
/// </summary>
internal static class SmallProblem
{
    public const int Samples = 64;
    private const int Features = 8;
    public const int Hidden = 16;

    public static string[] Tasks(int count) => [.. Enumerable.Range(0, count).Select(i => $"t{i}")];

    /// <summary>The bottom layer (fc1) or the top layer (fc3) per task.</summary>
    public static MultiTaskModel Model(IReadOnlyList<string> tasks, string side, int hidden = Hidden)
    {
        manual_seed(7);
        var backbone = nn.Sequential(
            ("fc1", nn.Linear(Features, hidden)),
            ("act1", nn.Tanh()),
            ("fc2", nn.Linear(hidden, hidden)),
            ("act2", nn.Tanh()),
            ("fc3", nn.Linear(hidden, hidden)));
        var selector = side == "bottom" ? LayerSelector.BottomLayers(1) : LayerSelector.TopLayers(1);
        return SharingPlan.For(tasks, _ => nn.Linear(hidden, 3)).PerTask(selector).Apply(backbone);
    }

    public static IReadOnlyDictionary<string, ITaskDataset> Datasets(IReadOnlyList<string> tasks) =>
        tasks.Select((t, i) => (t, Dataset(i))).ToDictionary(p => p.t, p => (ITaskDataset)p.Item2);

    /// <summary>Per-task loader options, the same seeds everywhere; the caller adds the batch size and shard.</summary>
    public static Dictionary<string, DataLoaderOptions> LoaderOptions(IReadOnlyList<string> tasks, int batchSize) =>
        tasks.Select((t, i) => (t, new DataLoaderOptions { BatchSize = batchSize, Shuffle = true, Seed = 100 + i })).ToDictionary(p => p.t, p => p.Item2);

    /// <summary>SGD with momentum on the sum of the losses, every task in every step, 20 steps, float32.</summary>
    public static void Train(MultiTaskModel model, TrainingData data, IDistributedTraining? distributed, int steps = 20)
    {
        var options = new TrainerOptions { Epochs = 10, MaxSteps = steps, Seed = 1, Distributed = distributed };
        using var trainer = new MultiTaskTrainer(model, data, new AllTasksSampler(), new EqualWeighting(), p => optim.SGD(p, 0.05, momentum: 0.9), options);
        trainer.Train();
    }

    /// <summary>The largest absolute difference between two models' parameters, by name.</summary>
    public static double MaxDifference(MultiTaskModel a, MultiTaskModel b)
    {
        var other = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        return a.named_parameters().Max(p => p.parameter.sub(other[p.name]).abs().max().ToDouble());
    }

    private static TensorDataset Dataset(int task)
    {
        var generator = new torch.Generator((ulong)(task + 1));
        var inputs = randn([Samples, Features], generator: generator);
        var rule = randn([Features, 3], generator: generator);
        return new TensorDataset(inputs, inputs.matmul(rule).argmax(1));
    }
}
