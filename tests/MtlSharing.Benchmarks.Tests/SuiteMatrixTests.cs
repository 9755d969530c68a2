using BenchmarkDotNet.Running;

namespace MtlSharing.Benchmarks.Tests;

/// <summary>
/// The matrices against the case counts they should leave: 2 backbones × 5 layout kinds × 3 routing
/// modes × 2 methods = 60 cases per (T, batch) pair.
/// </summary>
public sealed class SuiteMatrixTests
{
    [Fact]
    public void ShortRunsTwoTaskCountsAtEightPerTask()
    {
        var kept = Cases<LayoutSharingBenchmarks>().Where(SuiteMatrix.Short.Includes).ToList();

        kept.Should().HaveCount(120);
        kept.Select(c => ((int)c.Parameters["Tasks"], (int)c.Parameters["BatchPerTask"])).Distinct().Should().BeEquivalentTo([(2, 8), (4, 8)]);
    }

    [Fact]
    public void FullRunsThreeTaskCountsAtThirtyTwoPerTask()
    {
        var kept = Cases<LayoutSharingBenchmarks>().Where(SuiteMatrix.Full.Includes).ToList();

        kept.Should().HaveCount(180);
        kept.Select(c => (int)c.Parameters["BatchPerTask"]).Distinct().Should().Equal(32);
    }

    [Fact]
    public void OtherBenchmarksAreLeftAlone()
    {
        Cases<RoutingOverheadBenchmarks>().Should().OnlyContain(c => SuiteMatrix.Short.Includes(c) && SuiteMatrix.Full.Includes(c));
    }

    private static IEnumerable<BenchmarkCase> Cases<T>() => BenchmarkConverter.TypeToBenchmarks(typeof(T)).BenchmarksCases;
}
