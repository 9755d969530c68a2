using Microsoft.Extensions.Logging;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

[Collection(TrainerCollection.Name)]
public sealed class ProgressAndLoggingTests
{
    [Fact]
    public void Each_step_reports_its_task_loss_weight_and_learning_rate_and_each_epoch_its_evaluation_and_checkpoints()
    {
        using var directory = new TempDirectory();
        using var model = TinyScenario.Model();
        var progress = new RecordingProgress();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions
        {
            Epochs = 2,
            CheckpointDirectory = directory.Path,
            Evaluate = TinyScenario.Accuracy,
            KeepBestBy = "mean_accuracy",
            SchedulerFactory = o => optim.lr_scheduler.StepLR(o, 1, 0.5),
            Progress = progress,
        });

        trainer.Train();

        var epoch0 = progress.Events.Where(e => e.Epoch == 0).ToList();
        var steps = epoch0.Where(e => e.Phase == TrainingPhase.Training).ToList();
        steps.Select(e => e.Step).Should().Equal(Enumerable.Range(0, 9));
        steps.Select(e => e.GlobalStep).Should().Equal(Enumerable.Range(0, 9).Select(i => (long)i));
        steps.Should().OnlyContain(e => e.StepsInEpoch == 9 && e.LearningRate == 0.01);
        // Round robin over a (5 batches) and b (4 batches): a, b, a, b, a, b, a, b, a.
        steps.Select(e => e.Losses.Keys.Single()).Should().Equal("a", "b", "a", "b", "a", "b", "a", "b", "a");
        steps.Should().OnlyContain(e => e.Weights.Single().Value == 1.0 && e.Weights.Single().Key == e.Losses.Single().Key);
        steps.Should().OnlyContain(e => e.Losses.Single().Value > 0 && double.IsFinite(e.Losses.Single().Value));

        // Epoch 0 is always an improvement, so best.pt is written before last.pt.
        epoch0.Skip(9).Select(e => e.Phase).Should().Equal(TrainingPhase.Evaluated, TrainingPhase.CheckpointSaved, TrainingPhase.CheckpointSaved);
        epoch0[9].Metrics.Keys.Should().BeEquivalentTo("a", "b", "mean_accuracy");
        epoch0[9].LearningRate.Should().Be(0.005, "StepLR halves the rate when the epoch ends");
        epoch0.Skip(10).Select(e => e.CheckpointPath).Should().Equal(directory.Best, directory.Last);

        progress.Events.Where(e => e.Epoch == 1 && e.Phase == TrainingPhase.Training).Should().OnlyContain(e => e.LearningRate == 0.005);
    }

    [Fact]
    public void The_logger_gets_each_epoch_summary_and_each_checkpoint()
    {
        using var directory = new TempDirectory();
        using var model = TinyScenario.Model();
        var logger = new RecordingLogger();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 2, CheckpointDirectory = directory.Path, Logger = logger });

        var result = trainer.Train();

        var information = logger.Lines.Where(l => l.Level == LogLevel.Information).Select(l => l.Message).ToList();
        information.Should().HaveCount(2);
        information[0].Should().StartWith("epoch 0 finished after 9 steps: mean losses a=").And.Contain($"a={result.Epochs[0].MeanLosses["a"]:G6}");
        logger.Lines.Where(l => l.Level == LogLevel.Debug).Select(l => l.Message).Should().Equal(
            $"wrote checkpoint {directory.Last} at epoch 0, step 9 (global step 9)",
            $"wrote checkpoint {directory.Last} at epoch 1, step 9 (global step 18)");
    }

    [Fact]
    public void The_epoch_mean_losses_given_to_the_weighting_are_the_means_of_the_reported_step_losses()
    {
        using var model = TinyScenario.Model();
        var progress = new RecordingProgress();
        var weighting = new SumWeighting();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 2, Progress = progress }, weighting: weighting);

        var result = trainer.Train();

        for (var epoch = 0; epoch < 2; epoch++)
        {
            var steps = progress.Events.Where(e => e.Epoch == epoch && e.Phase == TrainingPhase.Training).ToList();
            foreach (var task in TinyScenario.Tasks)
            {
                var expected = steps.Where(s => s.Losses.ContainsKey(task)).Average(s => s.Losses[task]);
                weighting.EpochMeans[epoch][task].Should().BeApproximately(expected, 1e-12);
                result.Epochs[epoch].MeanLosses[task].Should().Be(weighting.EpochMeans[epoch][task]);
            }
        }

        weighting.BackwardCalls.Should().Be(18);
    }
}
