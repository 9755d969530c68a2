using MtlSharing.Routing;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;
using MtlSharing.Training.Tests.Trainer;

namespace MtlSharing.Training.Tests.Checkpoints;

/// <summary>Optimizers whose state is created while loading (SGD's momentum buffers) resume too.</summary>
[Collection(TrainerCollection.Name)]
public sealed class MomentumResumeTests
{
    [Fact]
    public void SGD_with_momentum_resumes_bit_for_bit()
    {
        using var directory = new TempDirectory();
        using (var first = TinyScenario.Model())
        using (var trainer = Trainer(first, directory.Path, maxSteps: 3))
        {
            trainer.Train();
        }

        using var resumedModel = TinyScenario.Model(seed: 9);
        using var resumed = Trainer(resumedModel, directory.Path, maxSteps: 6);
        resumed.Resume(directory.Last);
        resumed.Train();

        using var straightModel = TinyScenario.Model();
        using var straight = Trainer(straightModel, null, maxSteps: 6);
        straight.Train();

        StateSnapshot.Of(resumedModel).ShouldEqualExactly(StateSnapshot.Of(straightModel));
    }

    private static MultiTaskTrainer Trainer(MultiTaskModel model, string? directory, long maxSteps) =>
        new(model, TinyScenario.Data(), new CyclingSampler(), new SumWeighting(), p => optim.SGD(p, 0.05, momentum: 0.9), new TrainerOptions { Epochs = 2, Seed = 4, MaxSteps = maxSteps, CheckpointDirectory = directory });
}
