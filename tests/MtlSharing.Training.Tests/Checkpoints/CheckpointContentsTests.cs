using MtlSharing.Training.Checkpoints;
using System.Text;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;
using MtlSharing.Training.Tests.Trainer;

namespace MtlSharing.Training.Tests.Checkpoints;

[Collection(TrainerCollection.Name)]
public sealed class CheckpointContentsTests
{
    [Fact]
    public void A_checkpoint_holds_the_model_optimizer_scheduler_weighting_position_loss_sums_and_random_state()
    {
        using var directory = new TempDirectory();
        using var model = TinyScenario.Model();
        var progress = new RecordingProgress();
        var options = TinyScenario.ResumeOptions(directory.Path, maxSteps: 13) with { KeepBestBy = null, CheckpointEverySteps = 5, Progress = progress };
        using var trainer = TinyScenario.Trainer(model, options, weighting: new InverseLossWeighting());

        var result = trainer.Train();

        using var scope = NewDisposeScope();
        var saved = TorchFiles.Load(directory.Last);
        StateSnapshot.Of(saved, "model.").ShouldEqualExactly(StateSnapshot.Of(model));
        StateSnapshot.Of(saved, "optimizer.").ShouldEqualExactly(StateSnapshot.Of(OptimizerSnapshot.Capture(trainer.Optimizer)));
        saved["scheduler.LRScheduler.last_epoch"].ToInt64().Should().Be(1);
        saved["weighting.previous.a"].ToDouble().Should().Be(result.Epochs[0].MeanLosses["a"]);
        saved["weighting.previous.b"].ToDouble().Should().Be(result.Epochs[0].MeanLosses["b"]);
        Encoding.UTF8.GetString(saved["trainer.sampler"].data<byte>().ToArray()).Should().Be("round_robin");
        Encoding.UTF8.GetString(saved["trainer.weighting"].data<byte>().ToArray()).Should().Be("inverse_loss");
        Long(saved, "trainer.format").Should().Be(2);
        var planJson = model.Plan.ToJson();
        Encoding.UTF8.GetString(saved["trainer.plan"].data<byte>().ToArray()).Should().Be(planJson);
        File.ReadAllText(Path.Combine(directory.Path, CheckpointFiles.PlanFileName)).Should().Be(planJson, "the plan is also written beside the checkpoint");
        (Long(saved, "trainer.epoch"), Long(saved, "trainer.step_in_epoch"), Long(saved, "trainer.global_step"), Long(saved, "trainer.skipped_batches")).Should().Be((1, 4, 13, 0));
        double.IsNaN(saved["trainer.best_metric"].ToDouble()).Should().BeTrue();
        Long(saved, "trainer.best_epoch").Should().Be(-1);

        // Epoch 1 so far: a at steps 0 and 2, b at steps 1 and 3.
        var epoch1 = progress.Events.Where(e => e.Epoch == 1 && e.Phase == TrainingPhase.Training).ToList();
        foreach (var task in TinyScenario.Tasks)
        {
            var losses = epoch1.Where(e => e.Losses.ContainsKey(task)).Select(e => e.Losses[task]).ToList();
            Long(saved, $"trainer.loss_count.{task}").Should().Be(2);
            saved[$"trainer.loss_sum.{task}"].ToDouble().Should().Be(losses[0] + losses[1]);
        }

        saved["rng.torch"].data<byte>().ToArray().Should().Equal(get_rng_state().data<byte>().ToArray());
    }

    [Fact]
    public void Last_pt_is_written_every_N_steps_after_every_epoch_and_where_the_step_limit_stops_training()
    {
        using var directory = new TempDirectory();
        using var model = TinyScenario.Model();
        var progress = new RecordingProgress();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 3, CheckpointDirectory = directory.Path, CheckpointEverySteps = 5, MaxSteps = 13, Progress = progress });

        var result = trainer.Train();

        result.ReachedMaxSteps.Should().BeTrue();
        var saves = progress.Events.Where(e => e.Phase == TrainingPhase.CheckpointSaved).ToList();
        saves.Select(e => (e.Epoch, e.Step, e.GlobalStep)).Should().Equal((0, 5, 5L), (0, 9, 9L), (1, 1, 10L), (1, 4, 13L));
        saves.Should().OnlyContain(e => e.CheckpointPath == directory.Last);
        directory.FileNames().Should().Equal("last.pt", "plan.json");
    }

    [Fact]
    public void SaveCheckpoint_writes_the_current_state_to_any_path()
    {
        using var directory = new TempDirectory();
        using var model = TinyScenario.Model();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { MaxSteps = 4 });
        trainer.Train();
        var path = directory.File("manual.pt");

        trainer.SaveCheckpoint(path);

        using var scope = NewDisposeScope();
        var saved = TorchFiles.Load(path);
        (Long(saved, "trainer.epoch"), Long(saved, "trainer.step_in_epoch"), Long(saved, "trainer.global_step")).Should().Be((0, 4, 4));
        StateSnapshot.Of(saved, "model.").ShouldEqualExactly(StateSnapshot.Of(model));
        directory.FileNames().Should().Equal("manual.pt", "plan.json");
    }

    private static long Long(Dictionary<string, torch.Tensor> entries, string key) => entries[key].ToInt64();
}
