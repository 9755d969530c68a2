namespace MtlSharing.Benchmarks.Tests;

/// <summary>
/// The overhead table of the small CNN (3 input channels; stages of 32, 64 and 128 channels; 3×3
/// convolutions without bias, each followed by BatchNorm) against counts by hand:
/// stage 0: 3·32·9 + 2·32 = 928; stage 1: 32·64·9 + 2·64 = 18,560; stage 2: 64·128·9 + 2·128 =
/// 73,984; backbone 93,472; BatchNorm 64 + 128 + 256 = 448; head Linear(128, 10) 1,290.
/// </summary>
public sealed class ParameterOverheadTableTests
{
    private const long Backbone = 93_472;
    private const long Head = 1_290;

    [Theory]
    [InlineData(LayoutKind.Shared, "shared", Backbone + 2 * Head)]
    [InlineData(LayoutKind.Top, "top:1", Backbone + 73_984 + 2 * Head)]
    [InlineData(LayoutKind.Bottom, "bottom:1", Backbone + 928 + 2 * Head)]
    [InlineData(LayoutKind.Independent, "independent", 2 * Backbone + 2 * Head)]
    [InlineData(LayoutKind.NormOnly, "norm-only", Backbone + 448 + 2 * Head)]
    public void SmallCnnWithTwoTasksMatchesHandCounts(LayoutKind layout, string label, long parameters)
    {
        var row = ParameterOverheadTable.Compute([new OverheadCase(SuiteBackbone.SmallCnn, layout, 2)]).Single();

        row.Should().BeEquivalentTo(new { Backbone = "SmallCnn", Layout = label, Tasks = 2, Parameters = parameters, IndependentParameters = 2 * (Backbone + Head) });
        row.Bytes.Should().Be(4 * parameters);
        row.RelativeToIndependent.Should().BeApproximately(parameters / (2.0 * (Backbone + Head)), 1e-12);
    }

    [Fact]
    public void TaskSpecificShareCountsCopiesAndHeads()
    {
        // Bottom-specific, T = 4: four copies of stage 0 and four heads are task-specific.
        var row = ParameterOverheadTable.Compute([new OverheadCase(SuiteBackbone.SmallCnn, LayoutKind.Bottom, 4)]).Single();

        var total = Backbone + 3 * 928 + 4 * Head;
        row.Parameters.Should().Be(total);
        row.TaskSpecificShare.Should().BeApproximately((4 * 928 + 4 * Head) / (double)total, 1e-12);
    }

    [Fact]
    public void ResNet18GivesAThirdOfItsNineBlocksToEachTask()
    {
        // ResNet-18 small-image stem: 11,168,832 backbone parameters (torchvision's 11,689,512
        // less the 3×3 instead of 7×7 stem: 64·3·(49 − 9) = 7,680, less fc 513,000).
        var rows = ParameterOverheadTable.Compute([
            new OverheadCase(SuiteBackbone.ResNet18, LayoutKind.Shared, 2),
            new OverheadCase(SuiteBackbone.ResNet18, LayoutKind.Top, 2),
        ]);

        rows.Select(r => r.Layout).Should().Equal("shared", "top:3");
        rows[0].Parameters.Should().Be(11_168_832 + 2 * 5_130);
    }

    [Fact]
    public void RowsComeOncePerModelOrderedByBackboneTasksAndLayout()
    {
        var rows = ParameterOverheadTable.Compute([
            new OverheadCase(SuiteBackbone.SmallCnn, LayoutKind.NormOnly, 4),
            new OverheadCase(SuiteBackbone.SmallCnn, LayoutKind.Shared, 4),
            new OverheadCase(SuiteBackbone.SmallCnn, LayoutKind.NormOnly, 2),
            new OverheadCase(SuiteBackbone.SmallCnn, LayoutKind.NormOnly, 2),
        ]);

        rows.Select(r => (r.Tasks, r.Layout)).Should().Equal((2, "norm-only"), (4, "shared"), (4, "norm-only"));
    }

    [Fact]
    public void CsvHoldsExactCounts()
    {
        var rows = ParameterOverheadTable.Compute([new OverheadCase(SuiteBackbone.SmallCnn, LayoutKind.Independent, 2)]);

        ParameterOverheadFormat.Csv(rows).Split('\n')[1].Should().Be("SmallCnn,independent,2,189524,758096,189524,758096,1,1");
    }
}
