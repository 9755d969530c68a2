using System.Globalization;
using MtlSharing.Training;
using static MtlSharing.Distributed.TestHost.CheckFailedException;

namespace MtlSharing.Distributed.TestHost;

/// <summary>
/// Distributed training equals the single-process run it stands for: after 20 SGD steps every
/// parameter agrees within 1e-5.
/// </summary>
internal static class Equivalence
{
    private const double Tolerance = 1e-5;

    /// <summary>Data parallelism: N ranks with batch b each against one process with batch N·b.</summary>
    public static void DataParallel(DistributedWorld world, string side)
    {
        const int batch = 4;
        var tasks = SmallProblem.Tasks(2);
        using var distributed = new DistributedTraining(world);
        using var model = SmallProblem.Model(tasks, side);
        var shards = SmallProblem.LoaderOptions(tasks, batch).ToDictionary(o => o.Key, o => distributed.LoaderOptions(o.Key, o.Value));
        SmallProblem.Train(model, TrainingData.PerTask(SmallProblem.Datasets(tasks), shards), distributed);

        using var reference = SmallProblem.Model(tasks, side);
        SmallProblem.Train(reference, TrainingData.PerTask(SmallProblem.Datasets(tasks), SmallProblem.LoaderOptions(tasks, batch * world.Size)), null);
        Compare(world, side, model, reference);
    }

    /// <summary>Task sharding: T tasks spread over the ranks against one process that trains them all on the same batches.</summary>
    public static void Sharded(DistributedWorld world, string side, int taskCount)
    {
        const int batch = 8;
        var tasks = SmallProblem.Tasks(taskCount);
        var placement = TaskPlacement.Spread(tasks, world.Size);
        using var distributed = new DistributedTraining(world, placement);
        using var model = SmallProblem.Model(tasks, side);
        var mine = placement.TasksOf(world.Rank);
        var datasets = SmallProblem.Datasets(tasks).Where(d => mine.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value);
        var shards = SmallProblem.LoaderOptions(tasks, batch).Where(o => mine.Contains(o.Key)).ToDictionary(o => o.Key, o => distributed.LoaderOptions(o.Key, o.Value));
        SmallProblem.Train(model, TrainingData.PerTask(datasets, shards), distributed);
        distributed.Synchronize(model);

        using var reference = SmallProblem.Model(tasks, side);
        SmallProblem.Train(reference, TrainingData.PerTask(SmallProblem.Datasets(tasks), SmallProblem.LoaderOptions(tasks, batch * placement.Replication)), null);
        Compare(world, side, model, reference);
        var held = distributed.ParametersHeld;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rank {world.Rank} holds {held} of {model.parameters().Sum(p => p.numel())} parameters for training; all-reduced {distributed.Statistics.BytesPerStep:F0} bytes per step"));
    }

    private static void Compare(DistributedWorld world, string side, Routing.MultiTaskModel model, Routing.MultiTaskModel reference)
    {
        var difference = SmallProblem.MaxDifference(model, reference);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rank {world.Rank}: largest parameter difference to the single-process run {difference:E2}"));
        Require(difference < Tolerance, $"parameters differ from the single-process run by up to {difference:E2}, more than {Tolerance:E0}");
        using var initial = SmallProblem.Model(model.Tasks, side);
        var moved = SmallProblem.MaxDifference(model, initial);
        Require(moved > 1e-3, $"training moved the parameters by only {moved:E2}; the comparison would prove nothing");
    }
}
