namespace MtlSharing.Distributed.Mpi;

/// <summary>An MPI communicator, by its id in the shim's table (0 is the world).</summary>
internal sealed class MpiCommunicator : Communicator
{
    private readonly int id;
    private bool freed;

    public MpiCommunicator(int id)
    {
        this.id = id;
        MpiShim.Check(MpiShim.CommRank(id, out var rank), "Comm_rank");
        MpiShim.Check(MpiShim.CommSize(id, out var size), "Comm_size");
        (Rank, Size) = (rank, size);
    }

    public override int Rank { get; }

    public override int Size { get; }

    public override void Barrier() => MpiShim.Check(MpiShim.Barrier(Id), "Barrier");

    public override unsafe void Broadcast(Span<byte> data, int root = 0)
    {
        RequireRank(root);
        fixed (byte* buffer = data)
        {
            MpiShim.Check(MpiShim.BroadcastBytes(Id, buffer, data.Length, root), "Bcast");
        }
    }

    public override unsafe void AllReduce(Span<float> data, ReduceOperation operation = ReduceOperation.Sum)
    {
        fixed (float* buffer = data)
        {
            MpiShim.Check(MpiShim.AllReduce(Id, buffer, data.Length, 0, (int)operation), "Allreduce");
        }
    }

    public override unsafe void AllReduce(Span<double> data, ReduceOperation operation = ReduceOperation.Sum)
    {
        fixed (double* buffer = data)
        {
            MpiShim.Check(MpiShim.AllReduce(Id, buffer, data.Length, 1, (int)operation), "Allreduce");
        }
    }

    public override unsafe byte[][] AllGather(ReadOnlySpan<byte> data)
    {
        var lengths = new int[Size];
        var mine = data.Length;
        fixed (int* received = lengths)
        {
            MpiShim.Check(MpiShim.AllGatherBytes(Id, &mine, sizeof(int), received), "Allgather");
        }

        var offsets = new int[Size];
        for (var rank = 1; rank < Size; rank++)
        {
            offsets[rank] = checked(offsets[rank - 1] + lengths[rank - 1]);
        }

        var all = new byte[checked(offsets[^1] + lengths[^1])];
        fixed (byte* send = data)
        fixed (byte* receive = all)
        fixed (int* counts = lengths)
        fixed (int* starts = offsets)
        {
            MpiShim.Check(MpiShim.AllGatherVariableBytes(Id, send, data.Length, receive, counts, starts), "Allgatherv");
        }

        return [.. Enumerable.Range(0, Size).Select(rank => all.AsSpan(offsets[rank], lengths[rank]).ToArray())];
    }

    public override Communicator? Split(int color, int key)
    {
        MpiShim.Check(MpiShim.CommSplit(Id, color, key, out var created), "Comm_split");
        return created < 0 ? null : new MpiCommunicator(created);
    }

    protected override void Dispose(bool disposing)
    {
        if (!freed && id != 0)
        {
            freed = true;
            MpiShim.CommFree(id);
        }
    }

    private int Id => freed ? throw new ObjectDisposedException(nameof(MpiCommunicator)) : id;
}
