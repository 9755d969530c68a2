using System.Globalization;
using System.Xml.Linq;

namespace RethinkingSharing.Tests;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Bottom at shares 1 %, 10 %, 100 % (one decade apart) with rising accuracy; top at two budgets; both references.</summary>
    private static List<LayoutSummary> Summaries() =>
    [
        Made.Summary(Made.Independent, [0.7, 0.72], 1.0),
        Made.Summary(Made.Shared, [0.6, 0.6], 0.005),
        Made.Summary(Made.Bottom(0.3), [0.75, 0.75], 1.0),
        Made.Summary(Made.Bottom(0.01), [0.65, 0.65], 0.01),
        Made.Summary(Made.Bottom(0.1), [0.7, 0.7], 0.1),
        Made.Summary(Made.Top(0.01), [0.62, 0.62], 0.02),
        Made.Summary(Made.Top(0.1), [0.64, 0.64], 0.2),
    ];

    [Fact]
    public void ChartIsWellFormedSvg()
    {
        var chart = XDocument.Parse(SvgChart.Render(Summaries(), "accuracy"));

        chart.Root!.Name.Should().Be(Svg + "svg");
        chart.Root.Attribute("viewBox")!.Value.Should().Be("0 0 720 440");
    }

    [Fact]
    public void OnePolylinePerSeriesThroughEachOfItsPoints()
    {
        var chart = XDocument.Parse(SvgChart.Render(Summaries(), "accuracy"));

        var lines = chart.Descendants(Svg + "polyline").ToList();
        lines.Should().HaveCount(2);
        Points(lines[0]).Should().HaveCount(3, "three bottom-specific budgets");
        Points(lines[1]).Should().HaveCount(2, "two top-specific budgets");
        chart.Descendants(Svg + "circle").Should().HaveCount(5);
    }

    [Fact]
    public void SeriesWithoutResultsDrawsNoLine()
    {
        var chart = XDocument.Parse(SvgChart.Render(Summaries().Where(s => s.Layout.Kind != "top").ToList(), "accuracy"));

        chart.Descendants(Svg + "polyline").Should().ContainSingle();
    }

    [Fact]
    public void LegendNamesBothSeriesAndLabelsTheReferences()
    {
        var texts = XDocument.Parse(SvgChart.Render(Summaries(), "accuracy")).Descendants(Svg + "text").Select(t => t.Value).ToList();

        texts.Should().Contain(["bottom-specific", "top-specific", "independent", "shared"]);
        texts.Should().Contain(["task-specific parameter share (log scale)", "mean test accuracy (%)"]);
    }

    [Fact]
    public void ShareIsOnALogScaleAndHigherAccuracyIsHigherUp()
    {
        var chart = XDocument.Parse(SvgChart.Render(Summaries(), "accuracy"));

        var bottom = Points(chart.Descendants(Svg + "polyline").First());
        bottom.Select(p => p.X).Should().BeInAscendingOrder("points are sorted by share");
        (bottom[1].X - bottom[0].X).Should().BeApproximately(bottom[2].X - bottom[1].X, 0.2, "1 % → 10 % and 10 % → 100 % are one decade each");
        bottom.Select(p => p.Y).Should().BeInDescendingOrder("accuracy rises with the share here, and SVG's y grows downwards");
    }

    [Fact]
    public void TitleIsEscaped()
    {
        var chart = XDocument.Parse(SvgChart.Render(Summaries(), "A < B & \"C\""));

        chart.Descendants(Svg + "text").First().Value.Should().Be("A < B & \"C\"");
    }

    [Fact]
    public void NothingToChartIsAnError()
    {
        var render = () => SvgChart.Render([], "accuracy");

        render.Should().Throw<ArgumentException>().WithMessage("no results to chart*");
    }

    private static List<(double X, double Y)> Points(XElement polyline) =>
        polyline.Attribute("points")!.Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
