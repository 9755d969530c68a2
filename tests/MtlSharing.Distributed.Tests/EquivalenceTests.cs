namespace MtlSharing.Distributed.Tests;

/// <summary>Distributed runs against the single-process runs they stand for (the host compares, to 1e-5, after 20 SGD steps).</summary>
public sealed class EquivalenceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("bottom")]
    [InlineData("top")]
    public void TwoRanksWithBatchBEqualOneProcessWithBatch2B(string side)
    {
        var job = MpiJob.Run(2, Timeout, "data-parallel", side);

        job.ExitCode.Should().Be(0, job.ToString());
        job.Stdout.Should().Contain("rank 0 of 2: data-parallel ok").And.Contain("rank 1 of 2: data-parallel ok");
    }

    [Theory]
    [InlineData("bottom")]
    [InlineData("top")]
    public void FourTasksOnTwoRanksEqualOneProcessTrainingAllFour(string side)
    {
        var job = MpiJob.Run(2, Timeout, "sharded", side, "4");

        job.ExitCode.Should().Be(0, job.ToString());
        job.Stdout.Should().Contain("rank 0 of 2: sharded ok").And.Contain("rank 1 of 2: sharded ok");
        job.Stdout.Should().MatchRegex(@"rank 0 holds (\d+) of (\d+) parameters", "a rank holds only the shared parameters and its own tasks'");
    }

    [Fact]
    public void TwoTasksEachOnTwoOfFourRanksEqualOneProcess()
    {
        var job = MpiJob.Run(4, Timeout, "sharded", "top", "2");

        job.ExitCode.Should().Be(0, job.ToString());
        job.Stdout.Should().Contain("rank 3 of 4: sharded ok");
    }
}
