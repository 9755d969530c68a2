using System.Diagnostics;
using MtlSharing.Distributed;
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

/// <summary>
/// Trains every runnable arm of every part with every seed and measures test accuracy. A run that
/// two parts share (the same backbone, width, tasks, arm and seed) is trained once.
/// </summary>
internal sealed class StudyRunner(StudyOptions options, IReadOnlyDictionary<string, (TensorDataset Train, TensorDataset Test)> data)
{
    private readonly Dictionary<(string Training, string Arm, int Seed), RunResult> trained = [];

    /// <summary>Every arm's plan decided before training, so that the progress bars know the work and the notes say what did not run.</summary>
    public static IReadOnlyList<ResolvedPart> Resolve(IReadOnlyList<StudyPart> parts) =>
        parts.Select(part =>
        {
            using var backbone = StudyModels.Create(part.Setting.Backbone, part.Setting.Width);
            var features = StudyModels.FeatureCount(backbone);
            var plans = part.Arms.Select(arm => (arm, ArmPlan.For(arm, part.Setting.Tasks, _ => StudyModels.Head(features), backbone))).ToList();
            IReadOnlyList<Arm> runnable = [.. plans.Where(p => p.Item2.Plan is not null).Select(p => p.arm)];
            IReadOnlyList<string> notes = [.. plans.Where(p => p.Item2.Skipped is not null).Select(p => $"{part.Setting.Key}: {p.Item2.Skipped}")];
            return ResolvedPart.From(part, runnable, notes);
        }).ToList();

    /// <summary>Trains every run not trained before.</summary>
    /// <param name="resolved">The parts and their runnable arms.</param>
    /// <param name="completed">Called with every run so far after each run, so that a study cut short keeps what it measured.</param>
    public IReadOnlyList<RunResult> Run(IReadOnlyList<ResolvedPart> resolved, Action<IReadOnlyList<RunResult>>? completed = null)
    {
        var runs = new List<RunResult>();
        var total = resolved.Sum(r => r.RunCount);
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var overall = progress.AddTask("[bold]study[/]", maxValue: total);
                foreach (var (part, arms, _) in resolved)
                {
                    var setting = part.Setting;
                    var stepsPerRun = options.Epochs * setting.Tasks.Sum(t => (int)Math.Ceiling((double)data[t].Train.Count / options.BatchSize));
                    foreach (var (arm, seeds) in arms)
                    {
                        for (var seed = 0; seed < seeds; seed++)
                        {
                            var key = (setting.TrainingKey, arm.Label, seed);
                            if (!trained.TryGetValue(key, out var run))
                            {
                                var bar = progress.AddTask(Markup.Escape($"{setting.Key} {arm.Label}, seed {seed}"), maxValue: stepsPerRun);
                                run = RunOne(setting, arm, seed, new Progress<TrainingProgress>(p => bar.Value = Math.Min(stepsPerRun, p.GlobalStep)));
                                trained[key] = run;
                                bar.Value = stepsPerRun;
                                bar.StopTask();
                            }

                            runs.Add(run with { Setting = setting });
                            completed?.Invoke(runs);
                            overall.Increment(1);
                        }
                    }
                }
            });
        return runs;
    }

    private RunResult RunOne(StudySetting setting, Arm arm, int seed, IProgress<TrainingProgress> progress)
    {
        manual_seed(seed);
        var backbone = StudyModels.Create(setting.Backbone, setting.Width);
        var features = StudyModels.FeatureCount(backbone);
        var chosen = ArmPlan.For(arm, setting.Tasks, _ => StudyModels.Head(features), backbone);
        using var model = chosen.Plan!.Apply(backbone);
        var report = model.Report();
        var ranks = options.World?.Size ?? 1;
        using var distributed = options.World is { } world ? new DistributedTraining(world) : null;
        var loaders = new DataLoaderOptions { BatchSize = options.BatchSize / ranks, Seed = seed, Shuffle = true, Shard = options.World is { } w ? new DataShard(w.Rank, w.Size) : null };
        var training = TrainingData.PerTask(setting.Tasks.ToDictionary(t => t, t => (ITaskDataset)data[t].Train), loaders);
        var trainerOptions = new TrainerOptions
        {
            Epochs = options.Epochs,
            Seed = seed,
            Progress = progress,
            Autocast = options.Precision.Autocast,
            Distributed = distributed,
            SchedulerFactory = optimizer => optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Epochs),
        };
        LossWeighting weighting = arm.Kind == ArmKind.SharedUncertainty ? new UncertaintyWeighting() : new EqualWeighting();
        using var trainer = new MultiTaskTrainer(model, training, new RoundRobinSampler(), weighting, ps => optim.SGD(ps, options.LearningRate, momentum: 0.9, weight_decay: 5e-4), trainerOptions);
        var clock = Stopwatch.StartNew();
        trainer.Train();
        var seconds = clock.Elapsed.TotalSeconds;
        return new RunResult(setting, arm, chosen.Budget?.Count, seed, Evaluate(model, setting.Tasks), report.TaskSpecificShare, report.Total, seconds);
    }

    private Dictionary<string, double> Evaluate(MultiTaskModel model, IReadOnlyList<string> tasks)
    {
        model.eval();
        using var noGrad = no_grad();
        using var mixedPrecision = options.Precision.Autocast is { } type ? Autocast.Enter(type) : null;
        var accuracy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var task in tasks)
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
