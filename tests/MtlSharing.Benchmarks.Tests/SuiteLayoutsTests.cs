using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Running;
using TorchSharp;

namespace MtlSharing.Benchmarks.Tests;

/// <summary>
/// The suite measures the library's own layouts: each <see cref="LayoutKind"/> becomes the
/// <see cref="Layout"/> with k a third of the backbone's blocks (ResNet-18 with the small-image
/// stem has 9, the small CNN 3), and the benchmark's model is built from that layout's plan.
/// </summary>
public sealed class SuiteLayoutsTests
{
    [Theory]
    [InlineData(SuiteBackbone.ResNet18, LayoutKind.Top, "top:3")]
    [InlineData(SuiteBackbone.ResNet18, LayoutKind.Bottom, "bottom:3")]
    [InlineData(SuiteBackbone.ResNet18, LayoutKind.Shared, "shared")]
    [InlineData(SuiteBackbone.SmallCnn, LayoutKind.Top, "top:1")]
    [InlineData(SuiteBackbone.SmallCnn, LayoutKind.Bottom, "bottom:1")]
    [InlineData(SuiteBackbone.SmallCnn, LayoutKind.Shared, "shared")]
    [InlineData(SuiteBackbone.SmallCnn, LayoutKind.Independent, "independent")]
    [InlineData(SuiteBackbone.SmallCnn, LayoutKind.NormOnly, "norm-only")]
    public void EachKindIsTheLibrarysLayoutAndTheModelHasItsPlan(SuiteBackbone backbone, LayoutKind kind, string text)
    {
        var expected = Layout.Parse(text);
        using var module = SuiteModels.Backbone(backbone);
        using var model = SuiteModels.Build(backbone, kind, 2);

        var layout = SuiteLayouts.For(kind, SuiteModels.Facts(module));

        layout.Should().Be(expected);
        layout.ToString().Should().Be(text);
        model.Plan.DifferenceFrom(expected.ToPlan(SuiteModels.TaskNames(2), _ => torch.nn.Identity()).ToJson()).Should().BeNull();
    }

    [Fact]
    public void TheBenchmarkTakesEveryLayoutKindAndCaseNamesShowIt()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(LayoutSharingBenchmarks)).BenchmarksCases;

        cases.Select(c => c.Parameters[nameof(LayoutSharingBenchmarks.Layout)]).Distinct().Should().BeEquivalentTo(Enum.GetValues<LayoutKind>().Cast<object>());
        cases.Select(FullNameProvider.GetBenchmarkName).Should().Contain(
            "MtlSharing.Benchmarks.Suite.LayoutSharingBenchmarks.Inference(Tasks: 4, BatchPerTask: 8, Backbone: ResNet18, Layout: Bottom, Routing: MixedBatch)",
            "README.md's filter example names this case");
    }
}
