namespace MtlSharing.Distributed.Tests;

/// <summary>The world outside mpirun, in this process (one class, so these never run in parallel).</summary>
public sealed class WorldTests
{
    [Fact]
    public void WithoutMpirunTheWorldIsOneProcessThatNeedsNoMpi()
    {
        using var world = DistributedWorld.Start(expectedSize: 1);

        (world.Rank, world.Size, world.UsesMpi, world.Communicator.IsRoot).Should().Be((0, 1, false, true));
        float[] values = [1, 2];
        world.Communicator.AllReduce(values);
        values.Should().Equal(1, 2);
        world.Communicator.AllGather([7]).Should().BeEquivalentTo(new[] { new byte[] { 7 } });
    }

    [Fact]
    public void AskingForMoreThanOneProcessOutsideMpirunIsRefusedWithTheCommandThatWorks()
    {
        var start = () => DistributedWorld.Start(expectedSize: 2);

        start.Should().Throw<MpiException>().WithMessage("a world of 2 processes was asked for, but this process was not started by mpirun; run it as: mpirun -np 2 <program>*");
        DistributedWorld.Current.Should().BeNull("a refused start leaves no world behind");
    }

    [Fact]
    public void OneWorldPerProcess()
    {
        using var world = DistributedWorld.Start();

        var second = () => DistributedWorld.Start();

        second.Should().Throw<MpiException>().WithMessage("a distributed world is already running in this process*");
    }

    [Fact]
    public void TensorsMustBeContiguousFloatCpuTensors()
    {
        using var world = DistributedWorld.Start();
        using var integers = torch.arange(4);
        using var transposed = torch.ones(2, 3).t();

        ((Action)(() => world.Communicator.AllReduce(integers))).Should().Throw<ArgumentException>().WithMessage("collectives take contiguous CPU tensors of float32 or float64; got Int64*");
        ((Action)(() => world.Communicator.Broadcast(transposed))).Should().Throw<ArgumentException>().WithMessage("*not contiguous*");
    }
}
