using System.Diagnostics;
using MtlSharing.Metrics;
using MtlSharing.Routing;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>Trains every layout with every seed on the domain tasks and measures test accuracy.</summary>
internal sealed class StudyRunner(StudyOptions options, IReadOnlyDictionary<string, (TensorDataset Train, TensorDataset Test)> data)
{
    public IReadOnlyList<RunResult> Run(IReadOnlyList<LayoutSpec> layouts)
    {
        var runs = new List<RunResult>();
        var stepsPerRun = options.Epochs * options.Tasks.Sum(t => (int)Math.Ceiling((double)data[t].Train.Count / options.BatchSize));
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var overall = progress.AddTask("[bold]study[/]", maxValue: layouts.Count * options.Seeds);
                foreach (var layout in layouts)
                {
                    for (var seed = 0; seed < options.Seeds; seed++)
                    {
                        var bar = progress.AddTask($"{layout.Label}, seed {seed}", maxValue: stepsPerRun);
                        runs.Add(RunOne(layout, seed, new Progress<TrainingProgress>(p => bar.Value = Math.Min(stepsPerRun, p.GlobalStep))));
                        bar.Value = stepsPerRun;
                        bar.StopTask();
                        overall.Increment(1);
                    }
                }
            });
        return runs;
    }

    private RunResult RunOne(LayoutSpec layout, int seed, IProgress<TrainingProgress> progress)
    {
        manual_seed(seed);
        var backbone = StudyModels.Create(options.Backbone, options.Width);
        var features = StudyModels.FeatureCount(backbone);
        var (plan, blocks) = layout.Plan(options.Tasks, _ => StudyModels.Head(features), backbone);
        using var model = plan.Apply(backbone);
        var report = model.Report();
        var loaders = new DataLoaderOptions { BatchSize = options.BatchSize, Seed = seed, Shuffle = true };
        var training = TrainingData.PerTask(options.Tasks.ToDictionary(t => t, t => (ITaskDataset)data[t].Train), loaders);
        var trainerOptions = new TrainerOptions
        {
            Epochs = options.Epochs,
            Seed = seed,
            Progress = progress,
            Autocast = options.Precision.Autocast,
            SchedulerFactory = optimizer => optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Epochs),
        };
        using var trainer = new MultiTaskTrainer(model, training, new RoundRobinSampler(), new EqualWeighting(), ps => optim.SGD(ps, options.LearningRate, momentum: 0.9, weight_decay: 5e-4), trainerOptions);
        var clock = Stopwatch.StartNew();
        trainer.Train();
        var seconds = clock.Elapsed.TotalSeconds;
        return new RunResult(layout, blocks, seed, Evaluate(model), report.TaskSpecificShare, report.Total, seconds);
    }

    private Dictionary<string, double> Evaluate(MultiTaskModel model)
    {
        model.eval();
        using var noGrad = no_grad();
        using var mixedPrecision = options.Precision.Autocast is { } type ? Autocast.Enter(type) : null;
        var accuracy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var task in options.Tasks)
        {
            var metric = new Accuracy();
            var test = data[task].Test;
            for (long start = 0; start < test.Count; start += 500)
            {
                using var scope = NewDisposeScope();
                var indices = Enumerable.Range(0, (int)Math.Min(500, test.Count - start)).Select(i => start + i).ToArray();
                var (inputs, labels) = test.Get(indices);
                metric.Update(model.forward(inputs, task), labels);
            }

            accuracy[task] = metric.Compute();
        }

        return accuracy;
    }
}
