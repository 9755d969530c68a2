using System.Text.Json;
using MtlSharing.Tests.Shared;

namespace MtlSharing.Benchmarks.Tests;

/// <summary>
/// Runs benchmarks/Distributed (copied next to the tests) alone or on N ranks with mpirun, with a
/// timeout after which the whole job is killed, and returns its one result line.
/// </summary>
internal static class DistributedBenchJob
{
    /// <summary>Runs the benchmark on <paramref name="ranks"/> processes (1 runs it alone, without mpirun) and parses the line rank 0 prints.</summary>
    public static JsonElement Run(int ranks, TimeSpan timeout, params string[] args)
    {
        var job = MpiLaunch.Run("MtlSharing.DistributedBench.dll", ranks == 1 ? 0 : ranks, timeout, args);
        var lines = job.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        job.ExitCode.Should().Be(0, $"the benchmark should succeed; {job}");
        lines.Should().ContainSingle($"one layout gives one line; {job}");
        return JsonDocument.Parse(lines[0]).RootElement.Clone();
    }
}
