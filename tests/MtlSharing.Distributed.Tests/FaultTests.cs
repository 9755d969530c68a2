namespace MtlSharing.Distributed.Tests;

/// <summary>A rank that dies ends the whole job promptly with a message, and the last checkpoint resumes exactly.</summary>
public sealed class FaultTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string directory = Directory.CreateTempSubdirectory("mtlsharing-fault-").FullName;

    [Theory]
    [InlineData("kill", "mpirun noticed that process rank 1")]
    [InlineData("throw", "rank 1: unhandled InvalidOperationException; aborting the job so that no rank waits forever: a simulated failure in the middle of training")]
    public void ARankThatDiesEndsTheJobAndTheLastCheckpointResumesExactly(string how, string message)
    {
        var died = MpiJob.Run(2, Timeout, "die", directory, how);

        died.ExitCode.Should().NotBe(0, died.ToString());
        (died.Stdout + died.Stderr).Should().Contain(message);
        File.Exists(Path.Combine(directory, "last.pt")).Should().BeTrue("rank 0 wrote a checkpoint at step 5 and step 10");
        Directory.GetFiles(directory).Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal), "checkpoints are written atomically");

        var resumed = MpiJob.Run(2, Timeout, "resume", directory);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        resumed.Stdout.Should().Contain("rank 0: resumed at step 10").And.Contain("rank 1 of 2: resume ok");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
