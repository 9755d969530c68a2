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

    /// <summary>Data-parallel or task-sharded; rank 1 fails when it loads the batch of step 13 (each task's dataset counts its own), after the checkpoint of step 10.</summary>
    public static void Die(DistributedWorld world, string directory, bool kill, bool sharded)
    {
        using var distributed = Distributed(world, sharded);
        using var model = SmallProblem.Model(Tasks, "bottom");
        var datasets = Mine(distributed, SmallProblem.Datasets(Tasks)).ToDictionary(d => d.Key, d => (ITaskDataset)new FaultyDataset(d.Value, failAtBatch: 13, kill));
        using var trainer = Trainer(world, distributed, model, datasets, directory);
        foreach (var dataset in datasets.Values.Cast<FaultyDataset>())
        {
            dataset.Armed = world.Rank == 1;
        }

        trainer.Train();
        throw new CheckFailedException("training finished although rank 1 should have failed");
    }

    /// <summary>Resumes from last.pt, trains to step 20 and compares with the single-process run.</summary>
    public static void Resume(DistributedWorld world, string directory, bool sharded)
    {
        using var distributed = Distributed(world, sharded);
        using var model = SmallProblem.Model(Tasks, "bottom");
        using var trainer = Trainer(world, distributed, model, Mine(distributed, SmallProblem.Datasets(Tasks)), directory);
        trainer.Resume(Path.Combine(directory, "last.pt"));
        var resumedAt = trainer.GlobalStep;
        Require(resumedAt == 10, $"the last checkpoint should be the one of step 10; it is of step {resumedAt}");
        trainer.Train();
        distributed.Synchronize(model);

        using var reference = SmallProblem.Model(Tasks, "bottom");
        SmallProblem.Train(reference, TrainingData.PerTask(SmallProblem.Datasets(Tasks), SmallProblem.LoaderOptions(Tasks, Batch * distributed.Placement!.Replication)), null);
        var difference = SmallProblem.MaxDifference(model, reference);
        Console.WriteLine($"rank {world.Rank}: resumed at step {resumedAt}; largest difference to the uninterrupted single-process run {difference:E2}");
        Require(difference < 1e-5, $"the resumed run differs from the uninterrupted one by {difference:E2}");
    }

    /// <summary>Data-parallel, or each of the two tasks on a rank of its own.</summary>
    private static DistributedTraining Distributed(DistributedWorld world, bool sharded) =>
        new(world, sharded ? TaskPlacement.Spread(Tasks, world.Size) : null);

    /// <summary>The datasets of the tasks this rank trains.</summary>
    private static Dictionary<string, ITaskDataset> Mine(DistributedTraining distributed, IReadOnlyDictionary<string, ITaskDataset> datasets) =>
        datasets.Where(d => distributed.LocalTasks?.Contains(d.Key) ?? true).ToDictionary(d => d.Key, d => d.Value);

    private static MultiTaskTrainer Trainer(DistributedWorld world, DistributedTraining distributed, Routing.MultiTaskModel model, IReadOnlyDictionary<string, ITaskDataset> datasets, string directory)
    {
        var shards = SmallProblem.LoaderOptions(Tasks, Batch).Where(o => datasets.ContainsKey(o.Key)).ToDictionary(o => o.Key, o => distributed.LoaderOptions(o.Key, o.Value));
        var options = new TrainerOptions { Epochs = 10, MaxSteps = 20, Seed = 1, Distributed = distributed, CheckpointDirectory = directory, CheckpointEverySteps = 5 };
        return new MultiTaskTrainer(model, TrainingData.PerTask(datasets, shards), new Training.Sampling.AllTasksSampler(), new Training.Weighting.EqualWeighting(), p => optim.SGD(p, 0.05, momentum: 0.9), options);
    }
}
