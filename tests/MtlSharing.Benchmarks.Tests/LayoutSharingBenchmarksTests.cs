namespace MtlSharing.Benchmarks.Tests;

/// <summary>
/// Every layout and routing mode of the suite runs, called directly once (no BenchmarkDotNet, no
/// timing), on the small CNN with three tasks of two samples.
/// </summary>
public sealed class LayoutSharingBenchmarksTests
{
    public static TheoryData<LayoutKind, RoutingMode> Cases()
    {
        var cases = new TheoryData<LayoutKind, RoutingMode>();
        foreach (var layout in Enum.GetValues<LayoutKind>())
        {
            foreach (var routing in Enum.GetValues<RoutingMode>())
            {
                cases.Add(layout, routing);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InferenceReturnsOneRowPerSample(LayoutKind layout, RoutingMode routing)
    {
        var benchmark = Benchmark(layout, routing);
        benchmark.SetupInference();
        try
        {
            benchmark.Inference().Should().Be(3 * 2);
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainingStepsChangeTheWeightsAndGiveAFiniteLoss(LayoutKind layout, RoutingMode routing)
    {
        var benchmark = Benchmark(layout, routing);
        benchmark.SetupTraining();
        try
        {
            var first = benchmark.Training();
            var second = benchmark.Training();

            float.IsFinite(first).Should().BeTrue();
            second.Should().NotBe(first, "the SGD step between the two calls changed the weights");
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    private static LayoutSharingBenchmarks Benchmark(LayoutKind layout, RoutingMode routing) =>
        new() { Backbone = SuiteBackbone.SmallCnn, Layout = layout, Tasks = 3, BatchPerTask = 2, Routing = routing };
}
