#region training-setup
using MtlSharing.Metrics;
using MtlSharing.Routing;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
using TorchSharp;
using static TorchSharp.torch;
#endregion
using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Training.Checkpoints;
#region training-files
using MtlSharing.Training.Serialization;
#endregion

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
            parameters => optim.Adam(parameters, lr: 0.01), options);
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
            parameters => optim.Adam(parameters, lr: 0.01), options with { Epochs = 3 });
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
        more.BestMetric.Should().BeGreaterThanOrEqualTo(result.BestMetric!.Value, "the resumed run keeps the best metric so far");
        MeanAccuracy(best, digits, fashion).Should().Be(more.BestMetric!.Value, "best.pt holds the weights of the best epoch of both runs");
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

    [Fact]
    public void Fashion_mnist_from_a_folder()
    {
        using var folder = new ScratchDirectory();
        var directory = Path.Combine(folder.Path, "fashion-mnist");
        Directory.CreateDirectory(directory);
        // Three 28×28 training images whose pixels are all 0, 51 and 255, labelled 9, 0 and 3, as IDX
        // files (the test split is not read here).
        byte[] values = [0, 51, 255];
        File.WriteAllBytes(Path.Combine(directory, FashionMnist.TrainImages), IdxFiles.Images(3, 28, 28, i => values[i / (28 * 28)]));
        File.WriteAllBytes(Path.Combine(directory, FashionMnist.TrainLabels), IdxFiles.Labels(9, 0, 3));

        #region training-fashion-mnist
        using var train = FashionMnist.Load(train: true, directory);   // the folder holding the IDX files, gzipped or not
        #endregion

        train.Count.Should().Be(3);
        train.SampleShape.Should().Equal(1, 28, 28);
        using var scope = NewDisposeScope();
        var (images, labels) = train.Get([0, 1, 2]);
        labels.Longs().Should().Equal(9, 0, 3);
        images.amax([1, 2, 3]).to(ScalarType.Float64).data<double>().ToArray().Should().Equal([0.0, 51 / 255.0, 1.0], (a, b) => Math.Abs(a - b) < 1e-6);
        FluentActions.Invoking(() => FashionMnist.Load(train: false, directory)).Should().Throw<FileNotFoundException>().WithMessage($"*{FashionMnist.TestImages}*");
    }

    [Fact]
    public void Files_in_PyTorch_format()
    {
        using var folder = new ScratchDirectory();
        manual_seed(0);
        using var scope = NewDisposeScope();
        using var model = SharingPresets.BottomSpecific(["digits", "fashion"], _ => nn.Linear(16, 10), k: 1)
            .Apply(Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null }));
        using var other = SharingPresets.BottomSpecific(["digits", "fashion"], _ => nn.Linear(16, 10), k: 1)
            .Apply(Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null }));
        var losses = tensor(new[] { 2.31f, 1.87f, 1.52f });
        #region training-files
        TorchFiles.Save(model.state_dict(), "model.pt");        // atomic: a crash leaves the old file whole
        other.load_state_dict(TorchFiles.Load("model.pt"));     // checks every key and shape before copying
        TorchFiles.SaveTensor(losses, "losses.pt");              // a bare tensor, as Python's torch.save(tensor, path)
        Tensor again = TorchFiles.LoadTensor("losses.pt");
        #endregion

        var saved = model.state_dict();
        var loaded = other.state_dict();
        loaded.Keys.Should().BeEquivalentTo(saved.Keys);
        loaded.Should().AllSatisfy(entry => entry.Value.SameAs(saved[entry.Key]).Should().BeTrue($"{entry.Key} is loaded as saved"));
        TorchFiles.Load("model.pt").Keys.Should().Equal(saved.Keys, "the file keeps the state dict's order");
        again.SameAs(losses).Should().BeTrue();
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["model.pt", "losses.pt"], "no temporary file is left behind");

        File.WriteAllBytes("broken.pt", File.ReadAllBytes("model.pt")[..100]);
        FluentActions.Invoking(() => TorchFiles.Load("broken.pt")).Should().Throw<InvalidDataException>().WithMessage("*broken.pt*");
        using var threeTasks = SharingPresets.BottomSpecific(["digits", "fashion", "inverted"], _ => nn.Linear(16, 10), k: 1)
            .Apply(Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null }));
        var mismatch = threeTasks.StateDictMismatch(TorchFiles.Load("model.pt"));
        mismatch.Should().Contain("heads.inverted.weight");
        FluentActions.Invoking(() => threeTasks.load_state_dict(TorchFiles.Load("model.pt"))).Should().Throw<ArgumentException>().WithMessage("*heads.inverted.weight*nothing was loaded*");
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
