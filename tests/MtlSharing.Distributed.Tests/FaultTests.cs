namespace MtlSharing.Distributed.Tests;

/// <summary>A rank that dies ends the whole job promptly with a message, and the last checkpoint resumes exactly.</summary>
public sealed class FaultTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string directory = Directory.CreateTempSubdirectory("mtlsharing-fault-").FullName;

    [Theory]
    [InlineData("kill", "data-parallel", "mpirun noticed that process rank 1")]
    [InlineData("throw", "data-parallel", "rank 1: unhandled InvalidOperationException; aborting the job so that no rank waits forever: a simulated failure in the middle of training")]
    [InlineData("kill", "sharded", "mpirun noticed that process rank 1")]
    public void ARankThatDiesEndsTheJobAndTheLastCheckpointResumesExactly(string how, string placement, string message)
    {
        var died = MpiJob.Run(2, Timeout, "die", directory, how, placement);

        died.ExitCode.Should().NotBe(0, died.ToString());
        (died.Stdout + died.Stderr).Should().Contain(message);
        File.Exists(Path.Combine(directory, "last.pt")).Should().BeTrue("rank 0 wrote a checkpoint at step 5 and step 10");
        File.Exists(Path.Combine(directory, "last.rank1.pt")).Should().Be(placement == "sharded", "with tasks sharded, rank 1 keeps the optimizer state of its own task beside rank 0's file");
        Directory.GetFiles(directory).Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal), "checkpoints are written atomically");

        var resumed = MpiJob.Run(2, Timeout, "resume", directory, placement);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        resumed.Stdout.Should().Contain("rank 0: resumed at step 10").And.Contain("rank 1 of 2: resume ok");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
