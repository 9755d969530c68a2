using MtlSharing.Distributed;
using MtlSharing.Plans;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
using QuickStart;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

// Two tasks on generated images (QuadrantImages) share a small CNN; each task gets its own last
// convolution and head. With --distributed, run under mpirun: every rank trains on its shard of
// the data, and rank 0 prints.
var distributedRun = args.Contains("--distributed");
set_num_threads(distributedRun ? 1 : Environment.ProcessorCount);
using var world = DistributedWorld.Start();
using var distributed = distributedRun ? new DistributedTraining(world) : null;
var leader = world.Rank == 0;

manual_seed(0);
var backbone = nn.Sequential(
    ("conv1", nn.Conv2d(1, 16, 3, padding: 1)),
    ("bn1", nn.BatchNorm2d(16)),
    ("relu1", nn.ReLU()),
    ("pool", nn.MaxPool2d(2)),
    ("conv2", nn.Conv2d(16, 32, 3, padding: 1)),
    ("bn2", nn.BatchNorm2d(32)),
    ("relu2", nn.ReLU()),
    ("gap", nn.AdaptiveAvgPool2d(1)),
    ("flatten", nn.Flatten()));
using var model = SharingPlan.For(QuadrantImages.Tasks, task => nn.Linear(32, QuadrantImages.Classes(task)))
    .PerTask("conv2")
    .PerTask("bn2")
    .Apply(backbone);

var loader = new DataLoaderOptions { BatchSize = 64, Shuffle = true, Seed = 1 };
var train = QuadrantImages.Tasks.ToDictionary(t => t, t => (ITaskDataset)QuadrantImages.Dataset(t, 2048, seed: t.Length));
var test = QuadrantImages.Tasks.ToDictionary(t => t, t => QuadrantImages.Dataset(t, 512, seed: 100 + t.Length));
var data = TrainingData.PerTask(train, QuadrantImages.Tasks.ToDictionary(t => t, t => distributed?.LoaderOptions(t, loader) ?? loader));

if (leader)
{
    AnsiConsole.MarkupLine($"[bold]MtlSharing quick start[/]: two tasks share a small CNN, each with its own conv2 and head; {world.Size} process(es) × {get_num_threads()} thread(s)");
    AnsiConsole.WriteLine(model.Report().ToText());
}

TrainingResult? result = null;
AnsiConsole.Progress().Start(progress =>
{
    var bar = leader ? progress.AddTask("training") : null;
    var options = new TrainerOptions
    {
        Epochs = 3,
        Distributed = distributed,
        Evaluate = (m, _) => QuadrantImages.Tasks.ToDictionary(t => t, t => Accuracy(m, t, test[t])),
        Progress = new Progress<TrainingProgress>(p =>
        {
            if (bar is not null)
            {
                bar.MaxValue = p.StepsInEpoch * 3;
                bar.Value = p.GlobalStep;
            }
        }),
    };
    using var trainer = new MultiTaskTrainer(model, data, new RoundRobinSampler(), new EqualWeighting(), p => optim.Adam(p, lr: 0.01), options);
    result = trainer.Train();
});

if (leader)
{
    var table = new Table().AddColumns("epoch", "mean loss", "test accuracy");
    foreach (var epoch in result!.Epochs)
    {
        table.AddRow($"{epoch.Epoch + 1}", string.Join(", ", epoch.MeanLosses.Select(l => $"{l.Key} {l.Value:F3}")), string.Join(", ", epoch.Metrics.Select(m => $"{m.Key} {m.Value:P1}")));
    }

    AnsiConsole.Write(table);
    if (distributed is not null)
    {
        var statistics = distributed.Statistics;
        AnsiConsole.MarkupLine($"rank 0 all-reduced {statistics.BytesPerStep / 1024:F1} KiB per step and spent {statistics.CommunicationSeconds:F2} s in collectives over {statistics.Steps} steps");
    }
}

return 0;

static double Accuracy(MtlSharing.Routing.MultiTaskModel model, string task, TensorDataset test)
{
    using var scope = NewDisposeScope();
    var (images, labels) = test.Get([.. Enumerable.Range(0, (int)test.Count).Select(i => (long)i)]);
    return model.forward(images, task).argmax(1).eq(labels).to(float32).mean().ToDouble();
}
