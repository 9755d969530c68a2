using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

[Collection(TrainerCollection.Name)]
public sealed class DeterminismTests
{
    [Fact]
    public void Two_runs_with_the_same_seed_give_identical_losses_and_parameters()
    {
        var (lossesA, stateA) = Run(seed: 11);
        var (lossesB, stateB) = Run(seed: 11);

        lossesA.Should().HaveCount(3 * TinyScenario.StepsPerEpoch);
        lossesB.Should().Equal(lossesA);
        stateB.ShouldEqualExactly(stateA);
    }

    [Fact]
    public void Another_seed_draws_other_dropout_masks_and_so_other_losses()
    {
        var (lossesA, _) = Run(seed: 11);
        var (lossesB, _) = Run(seed: 12);

        // The first step runs before any update, but already through dropout.
        lossesB[0].Should().NotBe(lossesA[0]);
    }

    private static (List<double> Losses, Dictionary<string, double[]> State) Run(long seed)
    {
        using var model = TinyScenario.Model();
        var progress = new RecordingProgress();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 3, Seed = seed, Progress = progress });

        trainer.Train();

        var losses = progress.Events.Where(e => e.Phase == TrainingPhase.Training).Select(e => e.Losses.Single().Value).ToList();
        return (losses, StateSnapshot.Of(model));
    }
}
