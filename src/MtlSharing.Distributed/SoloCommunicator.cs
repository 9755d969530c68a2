namespace MtlSharing.Distributed;

/// <summary>A group of one process: every collective leaves the data as it is. Needs no MPI.</summary>
internal sealed class SoloCommunicator : Communicator
{
    public override int Rank => 0;

    public override int Size => 1;

    public override void Barrier()
    {
    }

    public override void Broadcast(Span<byte> data, int root = 0) => RequireRank(root);

    public override void AllReduce(Span<float> data, ReduceOperation operation = ReduceOperation.Sum)
    {
    }

    public override void AllReduce(Span<double> data, ReduceOperation operation = ReduceOperation.Sum)
    {
    }

    public override byte[][] AllGather(ReadOnlySpan<byte> data) => [data.ToArray()];

    public override Communicator? Split(int color, int key) => color < 0 ? null : new SoloCommunicator();
}
