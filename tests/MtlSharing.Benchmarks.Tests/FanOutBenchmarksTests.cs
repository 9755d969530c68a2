using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Running;

namespace MtlSharing.Benchmarks.Tests;

/// <summary>The fan-out benchmark's layouts are the library's, named in case names as it writes them.</summary>
public sealed class FanOutBenchmarksTests
{
    [Fact]
    public void CasesAreSharedTopOneAndTopTwo()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(FanOutBenchmarks)).BenchmarksCases;

        cases.Select(c => c.Parameters[nameof(FanOutBenchmarks.Layout)]).Distinct().Should().Equal(Layout.Shared, Layout.Top(1), Layout.Top(2));
        cases.Select(FullNameProvider.GetBenchmarkName).Should().Contain("MtlSharing.Benchmarks.FanOutBenchmarks.ForwardAll(Layout: top:2)");
    }
}
