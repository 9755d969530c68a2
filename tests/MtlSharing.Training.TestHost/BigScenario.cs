using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.TestHost;

/// <summary>
/// The tiny tasks with a wide backbone (6 → 1024 → 2048, about 2.1 million parameters), so that a
/// checkpoint with Adam's two moments is about 25 MB and writing it takes most of each step.
/// </summary>
internal static class BigScenario
{
    public static MultiTaskModel Model()
    {
        manual_seed(7);
        var backbone = nn.Sequential(nn.Linear(TinyScenario.Features, 1024), nn.ReLU(), nn.Linear(1024, 2048), nn.ReLU());
        return SharingPlan.For(TinyScenario.Tasks, t => nn.Linear(2048, TinyScenario.Classes(t))).Apply(backbone);
    }

    /// <summary>Trains "forever", writing last.pt after every step and printing "saved &lt;global step&gt;" once each write is complete.</summary>
    public static MultiTaskTrainer Trainer(MultiTaskModel model, string directory, TextWriter output) =>
        TinyScenario.Trainer(model, new TrainerOptions
        {
            Epochs = 1_000_000,
            CheckpointDirectory = directory,
            CheckpointEverySteps = 1,
            Progress = new RecordingProgress(e =>
            {
                if (e.Phase == TrainingPhase.CheckpointSaved)
                {
                    output.WriteLine($"saved {e.GlobalStep}");
                    output.Flush();
                }
            }),
        });
}
