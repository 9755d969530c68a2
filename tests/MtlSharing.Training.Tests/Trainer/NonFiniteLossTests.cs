using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using MtlSharing.Training.Data;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

[Collection(TrainerCollection.Name)]
public sealed class NonFiniteLossTests
{
    [Fact]
    public void A_NaN_loss_stops_training_naming_the_task_epoch_and_step_and_the_last_good_checkpoint_stays()
    {
        using var directory = new TempDirectory();
        using var model = TinyScenario.Model();
        var (data, poisoned) = DataWithPoisonableB();
        var logger = new RecordingLogger();
        string? lastAfterEpoch0 = null;
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions
        {
            Epochs = 3,
            CheckpointDirectory = directory.Path,
            Logger = logger,
            Progress = new RecordingProgress(e =>
            {
                if (e.Phase == TrainingPhase.CheckpointSaved)
                {
                    lastAfterEpoch0 = Hash(directory.Last);
                    poisoned.Poisoned = true;
                }
            }),
        }, data);

        var act = () => trainer.Train();

        // Epoch 0 ends with last.pt; in epoch 1 (a, b, a, ...) task b's first batch is step 1, global step 10.
        var error = act.Should().Throw<NonFiniteLossException>().Which;
        (error.Task, error.Epoch, error.Step, error.GlobalStep).Should().Be(("b", 1, 1, 10L));
        double.IsNaN(error.Loss).Should().BeTrue();
        error.Message.Should().Contain("task 'b'").And.Contain("epoch 1, step 1");
        logger.Lines.Should().Contain(l => l.Level == LogLevel.Error && l.Message.Contains("task b", StringComparison.Ordinal));
        directory.FileNames().Should().Equal("last.pt", "plan.json");
        using var scope = NewDisposeScope();
        var last = TorchFiles.Load(directory.Last);
        (last["trainer.epoch"].ToInt64(), last["trainer.global_step"].ToInt64()).Should().Be((1L, 9L));
        StateSnapshot.Of(last, "model.").AllFinite().Should().BeTrue();
        Hash(directory.Last).Should().Be(lastAfterEpoch0, "nothing is written after the failed step");
        foreach (var (name, buffer) in model.named_buffers())
        {
            buffer.isfinite().all().ToBoolean().Should().BeTrue($"the failed step's forward pass is undone in buffer {name}, so healthy tasks still evaluate");
        }
    }

    [Fact]
    public void With_SkipBatch_the_bad_steps_are_skipped_counted_and_leave_the_model_untouched()
    {
        using var model = TinyScenario.Model();
        var (data, poisoned) = DataWithPoisonableB();
        poisoned.Poisoned = true;
        var progress = new RecordingProgress();
        var logger = new RecordingLogger();
        var headB = StateSnapshot.Of(model.Head("b"));
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 2, NonFiniteLoss = NonFiniteLossPolicy.SkipBatch, Progress = progress, Logger = logger }, data);

        var result = trainer.Train();

        // Every b step (4 per epoch) is skipped; every a step (5 per epoch) trains.
        result.SkippedBatches.Should().Be(8);
        trainer.SkippedBatches.Should().Be(8);
        var skipped = progress.Events.Where(e => e.Phase == TrainingPhase.BatchSkipped).ToList();
        skipped.Select(e => e.Step).Should().Equal(1, 3, 5, 7, 1, 3, 5, 7);
        skipped.Select(e => e.SkippedBatches).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        progress.Events.Count(e => e.Phase == TrainingPhase.Training).Should().Be(10);
        logger.Lines.Count(l => l.Level == LogLevel.Warning && l.Message.Contains("task b is NaN", StringComparison.Ordinal)).Should().Be(8);
        result.Epochs.Should().OnlyContain(e => e.MeanLosses.Keys.Single() == "a");

        // b's per-task BatchNorm saw only NaN batches: its statistics must have been put back.
        var state = StateSnapshot.Of(model);
        state.AllFinite().Should().BeTrue();
        state["backbone.1.tasks.b.running_mean"].Should().OnlyContain(v => v == 0);
        state["backbone.1.tasks.b.num_batches_tracked"].Should().Equal(0);
        state["backbone.1.tasks.a.num_batches_tracked"].Should().Equal(10);
        StateSnapshot.Of(model.Head("b")).ShouldEqualExactly(headB);
    }

    private static (TrainingData Data, PoisonableDataset B) DataWithPoisonableB()
    {
        var datasets = TinyScenario.Datasets().ToDictionary(d => d.Key, d => (ITaskDataset)d.Value);
        var b = new PoisonableDataset(datasets["b"]);
        datasets["b"] = b;
        return (TrainingData.PerTask(datasets, TinyScenario.LoaderOptions), b);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
