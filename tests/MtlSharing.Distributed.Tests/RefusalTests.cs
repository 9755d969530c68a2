namespace MtlSharing.Distributed.Tests;

/// <summary>Bad set-ups are refused on every rank with a message, never with a hang.</summary>
public sealed class RefusalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("shapes", "rank 1's model differs from rank 0's, so they cannot train together: rank 0 has 'parameter backbone.fc1.tasks.t0.weight [16, 8] Float32' where rank 1 has 'parameter backbone.fc1.tasks.t0.weight [32, 8] Float32'")]
    [InlineData("plans", "rank 1's model differs from rank 0's, so they cannot train together: rank 0 has 'plan:")]
    [InlineData("uneven-placement", "3 tasks cannot be spread evenly over 2 ranks: one must divide the other")]
    [InlineData("placement-size", "the placement is for 4 ranks (rank 0: t0; rank 1: t1; rank 2: t2; rank 3: t3), but this job has 2; start it with mpirun -np 4")]
    public void EveryRankRefusesWithTheSameMessage(string @case, string message)
    {
        var job = MpiJob.Run(2, Timeout, "refused", @case);

        job.ExitCode.Should().Be(0, job.ToString());
        job.Stdout.Should().Contain($"rank 0 refused: {message}").And.Contain($"rank 1 refused: {message}");
    }
}
