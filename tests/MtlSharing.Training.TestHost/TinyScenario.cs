using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.TestHost.Doubles;
using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.TestHost;

/// <summary>
/// Two small classification tasks on 6 features: "a" (40 samples, 3 classes) and "b" (28 samples,
/// 4 classes), batches of 8, so a round-robin epoch has 5 + 4 = 9 steps. The model is a shared
/// Linear(6, 16) → per-task BatchNorm1d → ReLU → Dropout(0.2) backbone with a linear head per task:
/// buffers, per-task layers and random dropout all take part in a run.
/// </summary>
internal static class TinyScenario
{
    public const int Features = 6;
    public const int Hidden = 16;
    public const int StepsPerEpoch = 9;

    public static readonly string[] Tasks = ["a", "b"];

    public static int Classes(string task) => task == "a" ? 3 : 4;

    public static IReadOnlyDictionary<string, InMemoryDataset> Datasets() => new Dictionary<string, InMemoryDataset>
    {
        ["a"] = Synthetic.Dataset(1, 40, Features, 3),
        ["b"] = Synthetic.Dataset(2, 28, Features, 4),
    };

    public static DataLoaderOptions LoaderOptions { get; } = new() { BatchSize = 8, Shuffle = true, Seed = 5 };

    public static TrainingData Data() => TrainingData.PerTask(Datasets().ToDictionary(d => d.Key, d => (ITaskDataset)d.Value), LoaderOptions);

    public static MultiTaskModel Model(long seed = 3)
    {
        manual_seed(seed);
        var backbone = nn.Sequential(nn.Linear(Features, Hidden), nn.BatchNorm1d(Hidden), nn.ReLU(), nn.Dropout(0.2));
        return SharingPlan.For(Tasks, t => nn.Linear(Hidden, Classes(t))).PerTask("1").Apply(backbone);
    }

    public static MultiTaskTrainer Trainer(MultiTaskModel model, TrainerOptions options, TrainingData? data = null, LossWeighting? weighting = null, ITaskSampler? sampler = null) =>
        new(model, data ?? Data(), sampler ?? new CyclingSampler(), weighting ?? new SumWeighting(), p => optim.Adam(p, lr: 0.01), options);

    /// <summary>Each task's accuracy on its training set, and their mean as "mean_accuracy".</summary>
    public static IReadOnlyDictionary<string, double> Accuracy(MultiTaskModel model, int epoch)
    {
        var result = new Dictionary<string, double>();
        foreach (var (task, dataset) in Datasets())
        {
            var (inputs, labels) = dataset.Get(Enumerable.Range(0, (int)dataset.Count).Select(i => (long)i).ToArray());
            result[task] = model.forward(inputs, task).argmax(1).eq(labels).to(ScalarType.Float64).mean().ToDouble();
        }

        result["mean_accuracy"] = result.Values.Average();
        return result;
    }

    /// <summary>The settings of the resume test: Adam, a StepLR schedule, clipping, a stateful weighting, evaluation each epoch.</summary>
    public static TrainerOptions ResumeOptions(string? directory, long maxSteps) => new()
    {
        Epochs = 4,
        Seed = 11,
        GradientClipNorm = 1.0,
        CheckpointDirectory = directory,
        KeepBestBy = "mean_accuracy",
        Evaluate = Accuracy,
        SchedulerFactory = o => optim.lr_scheduler.StepLR(o, 1, 0.5),
        MaxSteps = maxSteps,
    };

    public static MultiTaskTrainer ResumeTrainer(MultiTaskModel model, string? directory, long maxSteps) =>
        Trainer(model, ResumeOptions(directory, maxSteps), weighting: new InverseLossWeighting());
}
