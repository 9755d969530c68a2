namespace MtlSharing.Distributed.Tests;

public sealed class CollectivesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryCollectiveGivesTheHandComputedResultOnEveryRank(int ranks)
    {
        var job = MpiJob.Run(ranks, Timeout, "collectives");

        job.ExitCode.Should().Be(0, job.ToString());
        for (var rank = 0; rank < ranks; rank++)
        {
            job.Stdout.Should().Contain($"rank {rank} of {ranks}: collectives ok", job.ToString());
        }
    }

    [Fact]
    public void AProcessStartedWithoutMpirunIsAWorldOfOne()
    {
        var job = MpiJob.Run(0, Timeout, "collectives");

        job.ExitCode.Should().Be(0, job.ToString());
        job.Stdout.Should().Contain("rank 0 of 1: collectives ok");
    }
}
