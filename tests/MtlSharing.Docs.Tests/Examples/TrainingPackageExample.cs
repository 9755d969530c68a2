#region package-training
using MtlSharing.Training;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
#endregion
using MtlSharing.Backbones;
using MtlSharing.Metrics;
using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Training.Checkpoints;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>src/MtlSharing.Training/README.md: a trainer over two tasks for ten epochs, keeping the best checkpoint.</summary>
public sealed class TrainingPackageExample
{
    [Fact]
    public void Train_with_checkpoints_and_the_best_epoch()
    {
        using var folder = new ScratchDirectory();
        manual_seed(0);
        using var digits = Synthetic(48, shift: 0.5);
        using var fashion = Synthetic(32, shift: -0.5);
        var datasets = new Dictionary<string, ITaskDataset> { ["digits"] = digits, ["fashion"] = fashion };
        var backbone = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null });
        using var model = SharingPresets.BottomSpecific(datasets.Keys, _ => nn.Linear(16, 10), k: 1).Apply(backbone);

        #region package-training
        var data = TrainingData.PerTask(datasets, new DataLoaderOptions { BatchSize = 64, Seed = 1 });
        using var trainer = new MultiTaskTrainer(model, data, new RoundRobinSampler(), new EqualWeighting(),
            parameters => optim.Adam(parameters, lr: 1e-3),
            new TrainerOptions { Epochs = 10, CheckpointDirectory = "checkpoints", KeepBestBy = "mean_accuracy", Evaluate = Evaluate });
        var result = trainer.Train();                  // trainer.Resume(path) continues a stopped run
        #endregion

        result.Epochs.Select(e => e.Epoch).Should().Equal(Enumerable.Range(0, 10));
        result.GlobalStep.Should().Be(10 * (1 + 1), "each task has one batch of at most 64 samples per epoch");
        result.StoppedEarly.Should().BeFalse();
        result.Epochs.SelectMany(e => e.MeanLosses.Values).Should().AllSatisfy(loss => double.IsFinite(loss).Should().BeTrue());
        result.Epochs[^1].MeanLosses.Values.Sum().Should().BeLessThan(result.Epochs[0].MeanLosses.Values.Sum(), "ten epochs of Adam lower the training loss");
        var accuracies = result.Epochs.Select(e => e.Metrics["mean_accuracy"]).ToList();
        result.BestMetric.Should().Be(accuracies.Max());
        accuracies[result.BestEpoch!.Value].Should().Be(accuracies.Max());
        File.Exists(Path.Combine(folder.Path, "checkpoints", CheckpointFiles.LastFileName)).Should().BeTrue();
        File.Exists(Path.Combine(folder.Path, "checkpoints", CheckpointFiles.BestFileName)).Should().BeTrue();

        IReadOnlyDictionary<string, double> Evaluate(MultiTaskModel evaluated, int epoch)
        {
            using var scope = NewDisposeScope();
            var perTask = datasets.Select(pair =>
            {
                var metric = new Accuracy();
                var (inputs, labels) = pair.Value.Get([.. Enumerable.Range(0, (int)pair.Value.Count).Select(i => (long)i)]);
                metric.Update(evaluated.forward(inputs, pair.Key), labels);
                return metric.Compute();
            });
            return new Dictionary<string, double> { ["mean_accuracy"] = perTask.Average() };
        }
    }

    private static TensorDataset Synthetic(int count, double shift)
    {
        using var scope = NewDisposeScope();
        var labels = randint(0, 10, [count]);
        var inputs = randn([count, 1, 12, 12]) + (labels.view(count, 1, 1, 1).to(ScalarType.Float32) * 0.2) + shift;
        return new TensorDataset(inputs, labels);
    }
}
