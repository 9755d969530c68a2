using MtlSharing.Training;
using MtlSharing.Training.Data;
using static MtlSharing.Distributed.TestHost.CheckFailedException;

namespace MtlSharing.Distributed.TestHost;

/// <summary>
/// A rank dies in the middle of data-parallel training that checkpoints every 5 steps; then a new
/// job resumes from the last checkpoint and must end exactly where an uninterrupted single-process
/// run of 20 steps ends.
/// </summary>
internal static class Faults
{
    private const int Batch = 4;
    private static readonly string[] Tasks = SmallProblem.Tasks(2);

    /// <summary>Rank 1 fails when it loads the batch of step 13 (each task's dataset counts its own), after the checkpoint of step 10.</summary>
    public static void Die(DistributedWorld world, string directory, bool kill)
    {
        using var distributed = new DistributedTraining(world);
        using var model = SmallProblem.Model(Tasks, "bottom");
        var datasets = SmallProblem.Datasets(Tasks).ToDictionary(d => d.Key, d => (ITaskDataset)new FaultyDataset(d.Value, failAtBatch: 13, kill));
        using var trainer = Trainer(world, distributed, model, datasets, directory);
        foreach (var dataset in datasets.Values.Cast<FaultyDataset>())
        {
            dataset.Armed = world.Rank == 1;
        }

        trainer.Train();
        throw new CheckFailedException("training finished although rank 1 should have failed");
    }

    /// <summary>Resumes from last.pt, trains to step 20 and compares with the single-process run.</summary>
    public static void Resume(DistributedWorld world, string directory)
    {
        using var distributed = new DistributedTraining(world);
        using var model = SmallProblem.Model(Tasks, "bottom");
        using var trainer = Trainer(world, distributed, model, SmallProblem.Datasets(Tasks), directory);
        trainer.Resume(Path.Combine(directory, "last.pt"));
        var resumedAt = trainer.GlobalStep;
        Require(resumedAt == 10, $"the last checkpoint should be the one of step 10; it is of step {resumedAt}");
        trainer.Train();

        using var reference = SmallProblem.Model(Tasks, "bottom");
        SmallProblem.Train(reference, TrainingData.PerTask(SmallProblem.Datasets(Tasks), SmallProblem.LoaderOptions(Tasks, Batch * world.Size)), null);
        var difference = SmallProblem.MaxDifference(model, reference);
        Console.WriteLine($"rank {world.Rank}: resumed at step {resumedAt}; largest difference to the uninterrupted single-process run {difference:E2}");
        Require(difference < 1e-5, $"the resumed run differs from the uninterrupted one by {difference:E2}");
    }

    private static MultiTaskTrainer Trainer(DistributedWorld world, DistributedTraining distributed, Routing.MultiTaskModel model, IReadOnlyDictionary<string, ITaskDataset> datasets, string directory)
    {
        var shards = SmallProblem.LoaderOptions(Tasks, Batch).ToDictionary(o => o.Key, o => distributed.LoaderOptions(o.Key, o.Value));
        var options = new TrainerOptions { Epochs = 10, MaxSteps = 20, Seed = 1, Distributed = distributed, CheckpointDirectory = directory, CheckpointEverySteps = 5 };
        return new MultiTaskTrainer(model, TrainingData.PerTask(datasets, shards), new Training.Sampling.AllTasksSampler(), new Training.Weighting.EqualWeighting(), p => optim.SGD(p, 0.05, momentum: 0.9), options);
    }
}
