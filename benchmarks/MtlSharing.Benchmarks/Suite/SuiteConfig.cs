using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using MtlSharing.Benchmarks.Overhead;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>The BenchmarkDotNet configurations of the suite's short and full runs, and of a plain run.</summary>
public static class SuiteConfig
{
    /// <summary>
    /// The short job: one launch, two warm-ups and three measured iterations of one call each
    /// (the monitoring strategy: no pilot or overhead stages). A ResNet-18 step takes hundreds of
    /// milliseconds here, so this is what keeps the short run within minutes; its numbers show
    /// the order of the costs, not small differences. Two warm-ups, because the first calls of a
    /// fresh process are several times slower than later ones (libtorch and oneDNN set-up).
    /// </summary>
    public static Job ShortJob { get; } = Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(3)
        .WithId("Short");

    /// <summary>The full job: one launch, three warm-ups and fifteen measured iterations, each long enough to time.</summary>
    public static Job FullJob { get; } = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(15)
        .WithId("Full");

    /// <summary>A configuration: the default one, plus the matrix filter, the overhead exporter and, when given, a job.</summary>
    /// <param name="matrix">Which suite cases run.</param>
    /// <param name="job">The job, or null to leave it to the command line (<c>--job</c>) or the default.</param>
    /// <returns>The configuration.</returns>
    public static IConfig Create(SuiteMatrix matrix, Job? job)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddFilter(new SimpleFilter(matrix.Includes))
            .AddExporter(new ParameterOverheadExporter());
        return job is null ? config : config.AddJob(job);
    }
}
