#region package-distributed
using MtlSharing.Distributed;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
#endregion
using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>
/// src/MtlSharing.Distributed/README.md: task-sharded training started without mpirun, a world of
/// one process, trains exactly as the same trainer without MtlSharing.Distributed.
/// </summary>
public sealed class DistributedPackageExample
{
    [Fact]
    public void A_world_of_one_trains_as_one_process_does()
    {
        string[] tasks = ["digits", "fashion"];
        var datasets = new Dictionary<string, ITaskDataset> { ["digits"] = Synthetic(48, seed: 1), ["fashion"] = Synthetic(32, seed: 2) };
        using var model = Model(tasks);
        using var alone = Model(tasks);

        #region package-distributed
        using var world = DistributedWorld.Start();                   // started without mpirun: a world of one process
        using var distributed = new DistributedTraining(world, TaskPlacement.Spread(tasks, world.Size));
        var loader = new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 1 };
        var data = TrainingData.PerTask(datasets, tasks.ToDictionary(task => task, task => distributed.LoaderOptions(task, loader)));
        using var trainer = new MultiTaskTrainer(model, data, new RoundRobinSampler(), new EqualWeighting(),
            parameters => optim.Adam(parameters, lr: 1e-3),
            new TrainerOptions { Epochs = 2, Seed = 1, Distributed = distributed });
        var result = trainer.Train();                                 // rank 0 logs, reports and writes checkpoints
        #endregion

        world.Size.Should().Be(1);
        world.UsesMpi.Should().BeFalse("no launcher started this process, so MPI is never loaded");
        distributed.Placement!.TasksOf(0).Should().Equal(tasks);
        distributed.LoaderOptions("digits", loader).Shard.Should().Be(DataShard.Whole);
        result.GlobalStep.Should().Be(2 * (3 + 2), "an epoch is three batches of digits and two of fashion");

        var single = TrainingData.PerTask(datasets, tasks.ToDictionary(task => task, _ => loader));
        using (var plain = new MultiTaskTrainer(alone, single, new RoundRobinSampler(), new EqualWeighting(),
            parameters => optim.Adam(parameters, lr: 1e-3), new TrainerOptions { Epochs = 2, Seed = 1 }))
        {
            plain.Train().GlobalStep.Should().Be(result.GlobalStep);
        }

        var trained = alone.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in model.named_parameters())
        {
            parameter.allclose(trained[name], rtol: 0, atol: 0).Should().BeTrue($"{name}: a world of one reduces over itself only");
        }
    }

    private static MultiTaskModel Model(IReadOnlyList<string> tasks)
    {
        manual_seed(0);
        var backbone = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null });
        return SharingPresets.BottomSpecific(tasks, _ => nn.Linear(16, 10), k: 1).Apply(backbone);
    }

    private static TensorDataset Synthetic(int count, ulong seed)
    {
        var generator = new Generator(seed);
        return new TensorDataset(randn([count, 1, 12, 12], generator: generator), randint(0, 10, [count], generator: generator));
    }
}
