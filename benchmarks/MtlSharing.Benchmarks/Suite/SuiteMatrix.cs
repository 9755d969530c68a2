using BenchmarkDotNet.Running;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>
/// Which task counts and batch size of <see cref="LayoutSharingBenchmarks"/> run. The benchmark
/// declares every value; a matrix keeps the cases it names and leaves other benchmarks alone.
/// </summary>
/// <param name="Name">"short" or "full".</param>
/// <param name="TaskCounts">The values of T.</param>
/// <param name="BatchPerTask">Samples in each task's batch.</param>
public sealed record SuiteMatrix(string Name, IReadOnlyList<int> TaskCounts, int BatchPerTask)
{
    /// <summary>T = 2 and 4 with 8 samples per task: minutes on two cores.</summary>
    public static SuiteMatrix Short { get; } = new("short", [2, 4], 8);

    /// <summary>T = 2, 4 and 8 with 32 samples per task.</summary>
    public static SuiteMatrix Full { get; } = new("full", [2, 4, 8], 32);

    /// <summary>Whether a benchmark case runs under this matrix.</summary>
    /// <param name="benchmarkCase">The case.</param>
    /// <returns>True for cases of other benchmark classes, and for suite cases with a listed T and this batch size.</returns>
    public bool Includes(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (benchmarkCase.Descriptor.Type != typeof(LayoutSharingBenchmarks))
        {
            return true;
        }

        var tasks = (int)benchmarkCase.Parameters[nameof(LayoutSharingBenchmarks.Tasks)];
        var batch = (int)benchmarkCase.Parameters[nameof(LayoutSharingBenchmarks.BatchPerTask)];
        return TaskCounts.Contains(tasks) && batch == BatchPerTask;
    }
}
