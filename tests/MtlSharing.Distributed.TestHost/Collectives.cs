using static MtlSharing.Distributed.TestHost.CheckFailedException;

namespace MtlSharing.Distributed.TestHost;

/// <summary>Every collective of the binding, checked against values each rank can compute by hand.</summary>
internal static class Collectives
{
    public static void Run(DistributedWorld world)
    {
        var comm = world.Communicator;
        var (rank, size) = (comm.Rank, comm.Size);
        comm.Barrier();

        float[] floats = [rank + 1, -rank, 0.5f * rank];
        comm.AllReduce(floats);
        var sumOfRanks = size * (size - 1) / 2;
        Require(floats.SequenceEqual([sumOfRanks + size, -sumOfRanks, 0.5f * sumOfRanks]), $"float sum gave {string.Join(", ", floats)}");

        double[] doubles = [rank, -rank];
        comm.AllReduce(doubles, ReduceOperation.Max);
        Require(doubles.SequenceEqual([size - 1, 0]), $"double max gave {string.Join(", ", doubles)}");
        doubles = [rank];
        comm.AllReduce(doubles, ReduceOperation.Min);
        Require(doubles[0] == 0, $"double min gave {doubles[0]}");

        var bytes = rank == size - 1 ? "from the last rank"u8.ToArray() : new byte["from the last rank"u8.Length];
        comm.Broadcast(bytes, root: size - 1);
        Require(bytes.AsSpan().SequenceEqual("from the last rank"u8), "broadcast did not deliver the root's bytes");

        // Tensors through their data pointers, without copies: the tensor itself changes.
        using var tensor = torch.full(1000, rank + 1.0f);
        comm.AllReduce(tensor);
        Require(tensor.eq(sumOfRanks + size).all().item<bool>(), "tensor sum was not written into the tensor");
        using var weights = rank == 0 ? torch.arange(6, dtype: ScalarType.Float64).reshape(2, 3) : torch.zeros(2, 3, dtype: ScalarType.Float64);
        comm.Broadcast(weights);
        Require(weights.reshape(-1).data<double>().SequenceEqual([0.0, 1, 2, 3, 4, 5]), "tensor broadcast did not deliver rank 0's values");

        // Rank r sends r + 1 bytes of value r.
        var gathered = comm.AllGather(Enumerable.Repeat((byte)rank, rank + 1).ToArray());
        Require(gathered.Length == size && gathered.Select((g, r) => g.Length == r + 1 && g.All(b => b == r)).All(ok => ok), "allgather did not return every rank's bytes in rank order");

        // Even and odd ranks form two groups; reductions stay within a group.
        using (var half = comm.Split(rank % 2, rank) ?? throw new CheckFailedException("split returned no communicator for a non-negative color"))
        {
            float[] one = [1];
            half.AllReduce(one);
            var expected = (size + 1 - rank % 2) / 2;
            Require(half.Size == expected && one[0] == expected && half.Rank == rank / 2, $"split group: size {half.Size}, rank {half.Rank}, sum {one[0]}");
        }

        using var alone = comm.Split(rank == 0 ? 0 : -1, 0);
        Require(alone is null == (rank != 0) && alone?.Size is null or 1, "a negative color must give no communicator, a color of its own a group of one");
        comm.Barrier();
    }
}
