using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>
/// Native memory stays bounded over thousands of training steps: the trainer disposes each step's
/// temporaries with TorchSharp's dispose scopes and keeps no tensor of a finished step. What this
/// catches is memory that stays reachable (a tensor kept per step); temporaries that are merely
/// undisposed are also freed by TorchSharp's finalizers when the test forces a collection, so
/// removing the step's scope alone does not fail it. The test reads the whole process's resident
/// memory, so it runs in the collection that never runs in parallel with others.
/// </summary>
[Collection(TrainerCollection.Name)]
public sealed class TrainingMemoryTests
{
    private const long WarmupSteps = 500;
    private const long Steps = 2_000;

    [Fact]
    public void Resident_memory_stays_flat_over_2000_training_steps()
    {
        long afterWarmup = 0;
        using var model = MemoryProbe.WideModel();
        var progress = new RecordingProgress(e =>
        {
            if (e.Phase == TrainingPhase.Training && e.GlobalStep == WarmupSteps)
            {
                afterWarmup = MemoryProbe.ResidentBytes();
            }
        });
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 10_000, MaxSteps = WarmupSteps + Steps, Progress = progress });

        trainer.Train();

        var atEnd = MemoryProbe.ResidentBytes();
        trainer.GlobalStep.Should().Be(WarmupSteps + Steps);
        afterWarmup.Should().BePositive();
        var growth = (double)(atEnd - afterWarmup) / afterWarmup;
        growth.Should().BeLessThan(0.25, $"resident memory went from {afterWarmup / 1e6:F1} MB after warm-up to {atEnd / 1e6:F1} MB after {Steps} more steps");
    }
}
