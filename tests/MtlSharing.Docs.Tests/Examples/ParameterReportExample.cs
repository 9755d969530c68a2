using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Reports;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>docs/parameter-report.md: the report of a plan, checked against counts made by hand.</summary>
public sealed class ParameterReportExample
{
    [Fact]
    public void Report_of_a_plan()
    {
        string[] tasks = ["digits", "fashion", "inverted"];
        #region report-describe
        var backbone = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16, 16], Classes = null });
        var plan = SharingPlan.For(tasks, _ => nn.Linear(16, 10))
            .PerTask("features.0")
            .Groups("features.1", ["digits", "inverted"], ["fashion"]);

        ParameterReport report = plan.Describe(backbone);      // before applying; model.Report() after
        Console.WriteLine(report.ToText());                     // also ToMarkdown() and ToCsv()
        Console.WriteLine($"{report.TaskSpecificShare:P1} task-specific, {report.FractionOfIndependent:P1} of 3 separate models");
        #endregion

        // By hand: stage 0 = conv 1·8·3·3 = 72 + BatchNorm 2·8 = 16 → 88; stage 1 = 8·16·9 = 1,152 + 32 → 1,184;
        // stage 2 = 16·16·9 = 2,304 + 32 → 2,336; a head = 16·10 + 10 = 170.
        report.Layers.Select(l => (l.Path, l.ParametersPerCopy, l.Copies(3)))
            .Should().Equal(("features.0.0", 72L, 3), ("features.0.1", 16L, 3), ("features.1.0", 1152L, 2), ("features.1.1", 32L, 2), ("features.2.0", 2304L, 1), ("features.2.1", 32L, 1));
        report.Shared.Should().Be(2336);
        report.BackboneSingleCopy.Should().Be(88 + 1184 + 2336);
        report.Total.Should().Be((3 * 88) + (2 * 1184) + 2336 + (3 * 170));
        report.Independent.Should().Be(3 * (3608 + 170));
        report.TaskSpecificShare.Should().BeApproximately(3142.0 / 5478, 1e-12);
        report.FractionOfIndependent.Should().BeApproximately(5478.0 / 11334, 1e-12);
        report.PerTask["digits"].Should().Be(new TaskParameters(Used: 2336 + 88 + 170 + 1184, Own: 258, Grouped: 1184, Attributed: 258 + 592));
        report.PerTask["fashion"].Should().Be(new TaskParameters(Used: 3778, Own: 258, Grouped: 1184, Attributed: 258 + 1184));
        report.PerGroup.Should().BeEquivalentTo(new Dictionary<string, long> { ["digits+inverted"] = 1184, ["fashion"] = 1184 });
        report.BytesFloat32.Should().Be(5478 * 4);

        using var model = plan.Apply(backbone);
        model.Report().ToText().Should().Be(report.ToText(), "the report before applying is the report after");
        model.parameters().Sum(p => p.numel()).Should().Be(report.Total);

        var page = Checks.Repository.Read("docs/parameter-report.md").Replace("\r\n", "\n", StringComparison.Ordinal);
        page.Should().Contain(report.ToText().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd(), "the page shows this very report");
    }
}
