#region training-setup
using MtlSharing.Metrics;
using MtlSharing.Routing;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;
#endregion
using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Training.Checkpoints;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>docs/training.md: a trainer on two tasks, its checkpoints, resuming, and the samplers and weightings.</summary>
public sealed class TrainingExamples : IDisposable
{
    private readonly string checkpointDirectory = Path.Combine(Path.GetTempPath(), $"mtlsharing-docs-{Guid.NewGuid():N}");

    [Fact]
    public void Train_evaluate_checkpoint_and_resume()
    {
        manual_seed(0);
        using var digits = Synthetic(48, shift: 0.5);
        using var fashion = Synthetic(32, shift: -0.5);
        var backbone = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null });
        using var model = SharingPresets.BottomSpecific(["digits", "fashion"], _ => nn.Linear(16, 10), k: 1).Apply(backbone);
        #region training-setup
        var data = TrainingData.PerTask(
            new Dictionary<string, ITaskDataset> { ["digits"] = digits, ["fashion"] = fashion },
            new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 1 });
        var options = new TrainerOptions
        {
            Epochs = 2,
            Seed = 1,
            GradientClipNorm = 5.0,
            CheckpointDirectory = checkpointDirectory,   // last.pt every epoch, best.pt on improvement
            Evaluate = (m, epoch) => new Dictionary<string, double> { ["mean_accuracy"] = MeanAccuracy(m, digits, fashion) },
            KeepBestBy = "mean_accuracy",
            Patience = 3,                                // stop after 3 epochs without improvement
            SchedulerFactory = o => optim.lr_scheduler.CosineAnnealingLR(o, T_max: 2),
        };
        using var trainer = new MultiTaskTrainer(model, data, new RoundRobinSampler(), new EqualWeighting(),
            parameters => optim.SGD(parameters, lr: 0.05, momentum: 0.9), options);
        TrainingResult result = trainer.Train();
        #endregion

        result.Epochs.Select(e => e.Epoch).Should().Equal(0, 1);
        result.GlobalStep.Should().Be(2 * (3 + 2), "round robin takes every batch once: 48/16 + 32/16 per epoch");
        result.Epochs.Should().AllSatisfy(e => e.Metrics.Should().ContainKey("mean_accuracy"));
        File.Exists(Path.Combine(checkpointDirectory, CheckpointFiles.LastFileName)).Should().BeTrue();
        File.Exists(Path.Combine(checkpointDirectory, CheckpointFiles.BestFileName)).Should().BeTrue();

        using var sameLayout = SharingPresets.BottomSpecific(["digits", "fashion"], _ => nn.Linear(16, 10), k: 1)
            .Apply(Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null }));
        using var resumed = new MultiTaskTrainer(sameLayout, data, new RoundRobinSampler(), new EqualWeighting(),
            parameters => optim.SGD(parameters, lr: 0.05, momentum: 0.9), options with { Epochs = 3 });
        #region training-resume
        resumed.Resume(Path.Combine(checkpointDirectory, "last.pt"));   // model, optimizer, scheduler, sampler position, weighting, RNG
        var more = resumed.Train();                                     // continues with epoch 2
        #endregion
        more.Epochs.Select(e => e.Epoch).Should().Equal(2);
        more.GlobalStep.Should().Be(15);

        using var best = SharingPresets.BottomSpecific(["digits", "fashion"], _ => nn.Linear(16, 10), k: 1)
            .Apply(Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null }));
        #region training-load-best
        CheckpointFiles.LoadModel(Path.Combine(checkpointDirectory, CheckpointFiles.BestFileName), best);
        #endregion
        best.eval();
        MeanAccuracy(best, digits, fashion).Should().Be(result.BestMetric!.Value);
    }

    [Fact]
    public void Samplers_and_weightings()
    {
        #region training-choices
        ITaskSampler[] samplers =
        [
            new RoundRobinSampler(),               // tasks in turn; every batch once per epoch
            new ProportionalSampler(seed: 0),      // random order, each task as often as it has batches
            new TemperatureSampler(alpha: 0.5),    // p(task) ∝ batches^α, drawn with replacement
            new AllTasksSampler(),                 // every task in every step, one update from all their losses
        ];
        LossWeighting[] weightings =
        [
            new EqualWeighting(),                                                    // Σ L_t
            new FixedWeighting(new Dictionary<string, double> { ["digits"] = 1, ["fashion"] = 0.5 }),
            new UncertaintyWeighting(),                                              // learned log-variances (Kendall et al.)
            new DynamicWeightAverage(temperature: 2),                                // loss-ratio weights per epoch (Liu et al.)
            new GradNorm(alpha: 1.5, weightLearningRate: 0.025),                     // gradient-norm balancing (Chen et al.)
            new PCGrad(),                                                            // projects conflicting shared gradients (Yu et al.)
        ];
        #endregion
        samplers.Select(s => s.Name).Should().Equal("round-robin", "proportional", "temperature(alpha=0.5)", "all-tasks");
        weightings.Select(w => w.Name).Should().Equal("equal", "fixed", "uncertainty", "dwa", "gradnorm", "pcgrad");
    }

    public void Dispose()
    {
        if (Directory.Exists(checkpointDirectory))
        {
            Directory.Delete(checkpointDirectory, recursive: true);
        }
    }

    private static TensorDataset Synthetic(int count, double shift)
    {
        using var scope = NewDisposeScope();
        var labels = randint(0, 10, [count]);
        var inputs = randn([count, 1, 12, 12]) + labels.view(count, 1, 1, 1).to(ScalarType.Float32) * 0.2 + shift;
        return new TensorDataset(inputs, labels);
    }

    #region training-setup
    static double MeanAccuracy(MultiTaskModel model, TensorDataset digits, TensorDataset fashion)
    {
        using var scope = torch.NewDisposeScope();
        var accuracies = new List<double>();
        foreach (var (task, dataset) in new[] { ("digits", digits), ("fashion", fashion) })
        {
            var metric = new Accuracy();
            var (inputs, labels) = dataset.Get([.. Enumerable.Range(0, (int)dataset.Count).Select(i => (long)i)]);
            metric.Update(model.forward(inputs, task), labels);   // the trainer calls Evaluate in eval mode, without gradients
            accuracies.Add(metric.Compute());
        }

        return accuracies.Average();
    }
    #endregion
}
