using MtlSharing.Training.Checkpoints;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

[Collection(TrainerCollection.Name)]
public sealed class EarlyStoppingTests
{
    [Fact]
    public void Training_stops_after_patience_epochs_without_improvement_and_best_pt_holds_the_best_epochs_model()
    {
        double[] accuracy = [0.5, 0.6, 0.55, 0.58, 0.59, 0.9, 0.95];
        using var directory = new TempDirectory();
        using var model = TinyScenario.Model();
        var atEvaluation = new List<Dictionary<string, double[]>>();
        var modes = new List<(bool Training, bool Grad)>();
        var progress = new RecordingProgress();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions
        {
            Epochs = 7,
            CheckpointDirectory = directory.Path,
            KeepBestBy = "acc",
            Patience = 3,
            Progress = progress,
            Evaluate = (m, epoch) =>
            {
                atEvaluation.Add(StateSnapshot.Of(m));
                modes.Add((m.training, is_grad_enabled()));
                return new Dictionary<string, double> { ["acc"] = accuracy[epoch] };
            },
        });

        var result = trainer.Train();

        modes.Should().OnlyContain(m => !m.Training && !m.Grad, "evaluation runs in eval mode without gradients");
        model.training.Should().BeTrue();
        progress.Events[^1].Should().BeEquivalentTo(new { Phase = TrainingPhase.EarlyStopped, Epoch = 4, Step = 9, StepsInEpoch = 9, GlobalStep = 5L * TinyScenario.StepsPerEpoch });
        progress.Events[^1].Metrics.Should().Equal(new Dictionary<string, double> { ["acc"] = 0.59 });

        // Improvements at epochs 0 and 1; epochs 2, 3 and 4 are three in a row without one.
        result.Epochs.Select(e => e.Improved).Should().Equal(true, true, false, false, false);
        result.StoppedEarly.Should().BeTrue();
        result.NextEpoch.Should().Be(5);
        (result.BestMetric, result.BestEpoch).Should().Be((0.6, 1));
        StateSnapshot.OfFile(directory.Best, "model.").ShouldEqualExactly(atEvaluation[1]);
        StateSnapshot.OfFile(directory.Last, "model.").ShouldEqualExactly(atEvaluation[4]);
    }

    [Fact]
    public void A_metric_where_lower_is_better_improves_when_it_falls()
    {
        double[] loss = [1.0, 0.8, 0.9, 0.7, 0.75, 0.76, 0.1];
        using var model = TinyScenario.Model();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions
        {
            Epochs = 7,
            KeepBestBy = "val_loss",
            HigherIsBetter = false,
            Patience = 2,
            Evaluate = (_, epoch) => new Dictionary<string, double> { ["val_loss"] = loss[epoch] },
        });

        var result = trainer.Train();

        result.Epochs.Select(e => e.Improved).Should().Equal(true, true, false, true, false, false);
        (result.BestMetric, result.BestEpoch, result.StoppedEarly).Should().Be((0.7, 3, true));
    }

    [Fact]
    public void A_run_resumed_after_it_stopped_early_stays_stopped()
    {
        using var directory = new TempDirectory();
        var options = new TrainerOptions
        {
            Epochs = 5,
            CheckpointDirectory = directory.Path,
            KeepBestBy = "acc",
            Patience = 1,
            Evaluate = (_, epoch) => new Dictionary<string, double> { ["acc"] = epoch == 0 ? 1 : 0 },
        };
        using (var model = TinyScenario.Model())
        using (var first = TinyScenario.Trainer(model, options))
        {
            first.Train().NextEpoch.Should().Be(2);
        }

        using var again = TinyScenario.Model();
        using var second = TinyScenario.Trainer(again, options);
        second.Resume(directory.Last);
        var before = StateSnapshot.Of(again);

        var result = second.Train();

        result.StoppedEarly.Should().BeTrue();
        result.Epochs.Should().BeEmpty();
        (second.GlobalStep, second.Epoch).Should().Be((2L * TinyScenario.StepsPerEpoch, 2));
        StateSnapshot.Of(again).ShouldEqualExactly(before);
    }

    [Fact]
    public void A_missing_kept_metric_is_reported_with_the_metrics_that_were_returned()
    {
        using var model = TinyScenario.Model();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions
        {
            KeepBestBy = "mean_acc",
            Evaluate = (_, _) => new Dictionary<string, double> { ["mean_accuracy"] = 1, ["a"] = 1 },
        });

        var act = () => trainer.Train();

        act.Should().Throw<InvalidOperationException>().WithMessage("*no metric 'mean_acc'*returned mean_accuracy, a*");
    }
}
