using MtlSharing.Training.Checkpoints;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.Tests.Trainer;

namespace MtlSharing.Training.Tests.Checkpoints;

[Collection(TrainerCollection.Name)]
public sealed class ResumeInNewProcessTests
{
    /// <summary>
    /// Training 2N steps straight gives bit-identical parameters, optimizer, scheduler and weighting
    /// states and random state to training N steps in one process and N more in another, resumed
    /// from the checkpoint. N = 12 stops at epoch 1, step 3: mid-epoch, after a scheduler step, an
    /// evaluation and an update of the weighting's state, with dropout drawing random numbers,
    /// per-task BatchNorm statistics, Adam moments and gradient clipping in play. No tolerance is
    /// needed: on the CPU with the same thread count, every libtorch kernel these steps use gives
    /// the same bits for the same inputs, and the checkpoint restores every input.
    /// </summary>
    [Fact]
    public void Training_2N_steps_straight_equals_N_steps_then_N_more_resumed_in_a_new_process_bit_for_bit()
    {
        const int N = 12;
        using var directory = new TempDirectory();

        TestHostProcess.Run("train", directory.Path, $"{N}").Should().Contain($"stopped at global step {N}");
        using (var scope = NewDisposeScope())
        {
            var half = TorchFiles.Load(directory.Last);
            (half["trainer.epoch"].ToInt64(), half["trainer.step_in_epoch"].ToInt64()).Should().Be((1L, 3L));
        }

        TestHostProcess.Run("train", directory.Path, $"{2 * N}", "resume").Should().Contain($"stopped at global step {2 * N}");

        using var model = TinyScenario.Model();
        using var trainer = TinyScenario.ResumeTrainer(model, null, 2 * N);
        trainer.Train();
        using var checkpoint = NewDisposeScope();
        var resumed = TorchFiles.Load(directory.Last);
        (resumed["trainer.epoch"].ToInt64(), resumed["trainer.step_in_epoch"].ToInt64()).Should().Be((2L, 6L));
        StateSnapshot.Of(resumed, "model.").ShouldEqualExactly(StateSnapshot.Of(model));
        StateSnapshot.Of(resumed, "optimizer.").ShouldEqualExactly(StateSnapshot.Of(OptimizerSnapshot.Capture(trainer.Optimizer)));
        StateSnapshot.Of(resumed, "scheduler.").ShouldEqualExactly(StateSnapshot.Of(SchedulerSnapshot.Capture(trainer.Scheduler!)));
        resumed["rng.torch"].data<byte>().ToArray().Should().Equal(get_rng_state().data<byte>().ToArray());
        resumed["trainer.best_metric"].ToDouble().Should().Be(trainer.BestMetric!.Value);
    }
}
