using System.Text.Json;
using MtlSharing.Distributed;
using MtlSharing.Plans;
using MtlSharing.Training;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
using static TorchSharp.torch;

namespace MtlSharing.DistributedBench;

/// <summary>
/// Trains one layout on every rank for the warm-up and timed steps: every task in every step
/// (AllTasksSampler), the sum of the losses (EqualWeighting), SGD with momentum, through
/// <see cref="MultiTaskTrainer"/> with <see cref="TrainerOptions.Distributed"/>. A process started
/// without mpirun is a world of one, whose collectives do nothing, so the one-rank layouts run the
/// same code. Every rank's timing is gathered on every rank; rank 0 prints the line.
/// </summary>
internal static class LayoutBenchmark
{
    public static ResultLine Run(DistributedWorld world, TaskPlacement placement, Layout layout, BenchOptions options)
    {
        using var distributed = new DistributedTraining(world, placement);
        using var model = BenchModel.Build(layout, options);
        using var data = new SyntheticTasks(options, placement, distributed, world.Rank);
        var clock = new StepClock(distributed, options.Warmup, options.Steps);
        var trainerOptions = new TrainerOptions { Epochs = 1, Seed = 1, Distributed = clock, Autocast = options.Autocast };
        using (var trainer = new MultiTaskTrainer(model, data.Data, new AllTasksSampler(), new EqualWeighting(), p => optim.SGD(p, 0.01, momentum: 0.9), trainerOptions))
        {
            trainer.Train();
        }

        var mine = clock.Timing ?? throw new InvalidOperationException($"rank {world.Rank} took fewer than {options.Warmup + options.Steps} steps");
        var ranks = world.Communicator.AllGather(JsonSerializer.SerializeToUtf8Bytes(mine))
            .Select(bytes => JsonSerializer.Deserialize<RankTiming>(bytes)!)
            .ToList();
        return ResultLine.From(options, layout, model.parameters().Sum(p => p.numel()), ranks);
    }
}
