using System.Globalization;
using System.Xml.Linq;

namespace RethinkingSharing.Tests;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// Chart 1 of the study: mean accuracy against task-specific share (log x), bottom at five budgets and top at two,
    /// each labelled with its k and with 95% intervals, and four references, two of them close to the left end.
    /// </summary>
    private static ChartSpec ShareChart(string title = "Mean accuracy against task-specific share") => new(
        title,
        "task-specific parameter share (log scale)",
        "mean test accuracy (%)",
        LogX: true,
        [
            new ChartSeries("bottom-specific", [new(0.009, 70.2, 4.0, "m=1"), new(0.02, 74.5, 2.5, "m=2"), new(0.10, 81.0, 1.5, "m=5"), new(0.30, 86.3, 0.9, "m=9"), new(0.52, 89.6, 0.5, "m=13")]),
            new ChartSeries("top-specific", [new(0.009, 71.5, 3.0, "m=1"), new(0.52, 84.0, 1.2, "m=13")]),
        ],
        [
            new ChartMarker("independent", new(1.0, 88.0, 1.0, "100%")),
            new ChartMarker("fully shared", new(0.007, 60.0, 10.0, "0.7%")),
            new ChartMarker("norm-only", new(0.011, 80.0, 3.0, "1.1%")),
            new ChartMarker("shared + uncertainty weighting", new(0.007, 63.0, 6.0)),
        ],
        Subtitle: "5 seeds, error bars: 95% interval of the mean");

    /// <summary>Chart 2 of the study: accuracy against the number of tasks T, one curve per layout.</summary>
    private static ChartSpec TaskCountChart() => new(
        "Mean accuracy against the number of tasks",
        "number of tasks T",
        "mean test accuracy (%)",
        LogX: false,
        [
            new ChartSeries("bottom-specific", [new(2, 88.1, 1.1, "52%"), new(4, 85.4, 1.3, "35%"), new(8, 81.2, 1.6, "21%")]),
            new ChartSeries("top-specific", [new(2, 86.0, 1.4, "52%"), new(4, 82.2, 1.5, "35%"), new(8, 77.9, 2.0, "21%")]),
            new ChartSeries("shared", [new(2, 84.9, 1.8), new(4, 80.3, 2.1), new(8, 74.0, 2.6)], Dashed: true),
            new ChartSeries("independent", [new(2, 89.0, 0.9, "100%"), new(4, 88.7, 0.8, "100%"), new(8, 88.9, 0.7, "100%")], Dashed: true),
        ],
        [],
        XTicks: [2, 4, 8]);

    [Fact]
    public void ChartIsWellFormedSvgOfItsOwnSize()
    {
        var layout = ChartLayout.Compute(ShareChart());
        var chart = XDocument.Parse(SvgChart.Render(ShareChart()));

        chart.Root!.Name.Should().Be(Svg + "svg");
        chart.Root.Attribute("viewBox")!.Value.Should().Be(string.Create(CultureInfo.InvariantCulture, $"0 0 {layout.Width} {layout.Height}"));
    }

    [Fact]
    public void LegendNamesEverySeriesAndMarkerOutsideThePlot()
    {
        var chart = XDocument.Parse(SvgChart.Render(ShareChart()));

        Texts(chart, "legend").Select(t => t.Value).Should().Equal("bottom-specific", "top-specific", "independent", "fully shared", "norm-only", "shared + uncertainty weighting");
        Box(chart, "legend-box").Left.Should().BeGreaterThan(Box(chart, "plot-area").Right, "the legend sits right of the plot");
    }

    [Fact]
    public void OnePolylineAndOneCircleAPointPerSeriesAndOneShapeAMarker()
    {
        var chart = XDocument.Parse(SvgChart.Render(ShareChart()));

        var lines = chart.Descendants(Svg + "polyline").ToList();
        lines.Should().HaveCount(2);
        Points(lines[0]).Should().HaveCount(5);
        Points(lines[1]).Should().HaveCount(2);
        chart.Descendants(Svg + "circle").Should().HaveCount(7);
        var shapes = chart.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "marker").Select(p => (string)p.Attribute("data-shape")!).ToList();
        shapes.Should().HaveCount(4).And.OnlyHaveUniqueItems("every reference has its own shape");
    }

    [Fact]
    public void EveryPointWithAnErrorHasAnErrorBarSpanningIt()
    {
        var spec = ShareChart() with { Series = [.. ShareChart().Series, new ChartSeries("no errors", [new(0.05, 75)])] };
        var layout = ChartLayout.Compute(spec);
        var chart = XDocument.Parse(SvgChart.Render(spec));

        var bars = chart.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "error-bar").ToList();
        bars.Should().HaveCount(11, "seven series points and four markers have an error, the last series' point has none");
        var bottom = layout.Series[0].Points[0];
        var scale = (layout.YTicks[0].Position - layout.YTicks[1].Position) / (layout.YTicks[1].Value - layout.YTicks[0].Value);
        (bottom.ErrorBottom!.Value - bottom.ErrorTop!.Value).Should().BeApproximately(2 * 4.0 * scale, 0.01, "the bar spans mean ± error");
        layout.Series.SelectMany(s => s.Points).Concat(layout.Markers.Select(m => m.Point!))
            .Where(p => p.ErrorTop is not null)
            .Should().OnlyContain(p => p.ErrorTop >= layout.Plot.Top && p.ErrorBottom <= layout.Plot.Bottom, "the y range is padded to hold every bar");
    }

    [Fact]
    public void PointsWithErrorBarsAtTheSameXAreSpreadSideways()
    {
        var layout = ChartLayout.Compute(TaskCountChart());

        var atTwo = layout.Series.Select(s => s.Points[0].Px).ToList();
        atTwo.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (atTwo[^1] - atTwo[0]).Should().BeApproximately(3 * ChartLayout.DodgeStep, 1e-9);
        atTwo.Average().Should().BeApproximately(layout.XTicks[0].Position, 1e-9, "the group stays centred on its x");
        layout.Series[0].Points[0].X.Should().Be(2, "the value is unchanged");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PointLabelsOverlapNothingAndStayInsideThePlot(bool taskCountChart)
    {
        var chart = XDocument.Parse(SvgChart.Render(taskCountChart ? TaskCountChart() : ShareChart()));

        var labels = Texts(chart, "point-label").Select(TextBox).ToList();
        var plot = Box(chart, "plot-area");
        var legend = Box(chart, "legend-box");
        var ticks = Texts(chart, "x-tick").Concat(Texts(chart, "y-tick")).Select(TextBox).ToList();
        labels.Should().NotBeEmpty();
        labels.Should().OnlyContain(l => l.Within(plot) && !l.Intersects(legend) && !ticks.Any(t => t.Intersects(l)));
        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                labels[i].Intersects(labels[j]).Should().BeFalse($"labels {i} and {j} overlap");
            }
        }
    }

    [Fact]
    public void CrowdedLabelsAreLeftOutButKeptInTheTooltip()
    {
        var crowd = Enumerable.Range(0, 30).Select(i => new ChartPoint(1 + (i * 0.01), 50 + (i * 0.01), Label: $"long label number {i}")).ToList();
        var spec = new ChartSpec("crowd", "x", "y", LogX: false, [new ChartSeries("crowd", crowd)], []);
        var layout = ChartLayout.Compute(spec);
        var chart = XDocument.Parse(SvgChart.Render(spec));

        layout.OmittedLabels.Should().NotBeEmpty();
        layout.Labels.Count.Should().Be(30 - layout.OmittedLabels.Count);
        Texts(chart, "point-label").Should().HaveCount(layout.Labels.Count);
        chart.Descendants(Svg + "title").Select(t => t.Value).Should().Contain(t => t.Contains($"({layout.OmittedLabels[0]})"));
        var boxes = layout.Labels.Select(l => l.Box).ToList();
        boxes.Should().OnlyContain(b => boxes.Count(o => o.Intersects(b)) == 1, "each label meets only itself");
    }

    [Fact]
    public void LogShareAxisHasPercentTicksAtOneTwoFive()
    {
        var layout = ChartLayout.Compute(ShareChart());

        layout.XTicks.Select(t => t.Text).Should().Equal("0.5%", "1%", "2%", "5%", "10%", "20%", "50%", "100%");
        var at = layout.XTicks.ToDictionary(t => t.Text, t => t.Position);
        (at["10%"] - at["1%"]).Should().BeApproximately(at["100%"] - at["10%"], 0.01, "a decade is a decade");
        (at["2%"] - at["1%"]).Should().BeApproximately(Math.Log10(2) * (at["10%"] - at["1%"]), 0.01);
        layout.Series[0].Points.Select(p => p.Px).Should().BeInAscendingOrder();
        layout.Series[0].Points.Select(p => p.Py).Should().BeInDescendingOrder("accuracy rises with the share, and SVG's y grows downwards");
    }

    [Fact]
    public void GivenLogTicksAreUsed()
    {
        var layout = ChartLayout.Compute(ShareChart() with { XTicks = [0.01, 0.02, 0.05, 0.1, 0.3, 1] });

        layout.XTicks.Select(t => t.Text).Should().Equal("1%", "2%", "5%", "10%", "30%", "100%");
    }

    [Fact]
    public void TaskCountAxisIsLinearWithTheGivenIntegerTicks()
    {
        var layout = ChartLayout.Compute(TaskCountChart());
        var chart = XDocument.Parse(SvgChart.Render(TaskCountChart()));

        Texts(chart, "x-tick").Select(t => t.Value).Should().Equal("2", "4", "8");
        var at = layout.XTicks.Select(t => t.Position).ToList();
        (at[2] - at[1]).Should().BeApproximately(2 * (at[1] - at[0]), 0.01, "4 → 8 is twice as far as 2 → 4 on a linear axis");
        chart.Descendants(Svg + "polyline").Select(p => p.Attribute("stroke-dasharray") is not null).Should().Equal(false, false, true, true);
    }

    [Fact]
    public void YTicksAreEvenlySpacedRoundNumbersAroundTheData()
    {
        var layout = ChartLayout.Compute(TaskCountChart());

        var values = layout.YTicks.Select(t => t.Value).ToList();
        var step = values[1] - values[0];
        new[] { 1.0, 2, 5, 10 }.Should().Contain(step);
        values.Zip(values.Skip(1), (a, b) => b - a).Should().OnlyContain(d => Math.Abs(d - step) < 1e-9);
        values[0].Should().BeLessThanOrEqualTo(74.0 - 2.6);
        values[^1].Should().BeGreaterThanOrEqualTo(89.0 + 0.9);
    }

    [Fact]
    public void OnePointAndEqualValuesStillMakeAnAxis()
    {
        var one = ChartLayout.Compute(new ChartSpec("one", "x", "y", LogX: true, [], [new ChartMarker("only", new(0.1, 50))]));
        var flat = ChartLayout.Compute(new ChartSpec("flat", "x", "y", LogX: false, [new ChartSeries("flat", [new(1, 7), new(2, 7), new(3, 7)])], []));

        one.XTicks.Should().NotBeEmpty();
        one.YTicks.Count.Should().BeGreaterThan(1);
        one.Markers[0].Point!.Px.Should().BeApproximately(one.Plot.CentreX, 0.01);
        flat.YTicks.Count.Should().BeGreaterThan(1);
        flat.Series[0].Points.Should().OnlyContain(p => p.Py > flat.Plot.Top && p.Py < flat.Plot.Bottom);
    }

    [Fact]
    public void NonPositiveShareIsClampedWithANoteAndNaNIsSkipped()
    {
        var spec = new ChartSpec(
            "clamped",
            "share",
            "accuracy",
            LogX: true,
            [new ChartSeries("s", [new(0, 60), new(0.01, 70), new(double.NaN, 80), new(0.1, double.NaN), new(0.1, 75, double.NaN)])],
            []);
        var layout = ChartLayout.Compute(spec);
        var svg = SvgChart.Render(spec);

        layout.Series[0].Points.Select(p => p.X).Should().Equal(0.005, 0.01, 0.1);
        layout.Series[0].Points[^1].ErrorTop.Should().BeNull("a NaN error draws no bar");
        layout.Notes.Should().Equal("2 point(s) with a non-finite X or Y not drawn", "1 point(s) with x ≤ 0 drawn at x = 0.5% (log scale)");
        XDocument.Parse(svg).Descendants(Svg + "text").Select(t => t.Value).Should().Contain(layout.Notes);
        svg.Should().NotContain("NaN").And.NotContain("Infinity");
    }

    [Fact]
    public void NumbersAreCultureInvariant()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var chart = XDocument.Parse(SvgChart.Render(TaskCountChart()));

            Points(chart.Descendants(Svg + "polyline").First()).Should().HaveCount(3);
            Texts(chart, "y-tick").Select(t => t.Value).Should().OnlyContain(t => !t.Contains(','));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void TitleIsEscaped()
    {
        var chart = XDocument.Parse(SvgChart.Render(ShareChart("A < B & \"C\"")));

        Texts(chart, "title").Single().Value.Should().Be("A < B & \"C\"");
    }

    [Fact]
    public void NothingToChartIsAnError()
    {
        var empty = () => SvgChart.Render(new ChartSpec("empty", "x", "y", LogX: true, [], []));
        var allNaN = () => SvgChart.Render(new ChartSpec("NaN", "x", "y", LogX: false, [new ChartSeries("s", [new(double.NaN, 1)])], []));

        empty.Should().Throw<ArgumentException>().WithMessage("nothing to chart in 'empty': it needs at least one series point or marker with finite X and Y*").And.ParamName.Should().Be("spec");
        allNaN.Should().Throw<ArgumentException>().WithMessage("nothing to chart in 'NaN'*");
    }

    /// <summary>Writes both study charts to $SVGCHART_EXAMPLES (e.g. /tmp) when set, for looking at them.</summary>
    [Fact]
    public void ExampleChartsCanBeWrittenForInspection()
    {
        var folder = Environment.GetEnvironmentVariable("SVGCHART_EXAMPLES");
        var charts = new[] { SvgChart.Render(ShareChart()), SvgChart.Render(TaskCountChart()) };

        charts.Should().OnlyContain(c => XDocument.Parse(c).Root != null);
        if (!string.IsNullOrEmpty(folder))
        {
            File.WriteAllText(Path.Combine(folder, "chart1.svg"), charts[0]);
            File.WriteAllText(Path.Combine(folder, "chart2.svg"), charts[1]);
        }
    }

    private static IEnumerable<XElement> Texts(XDocument chart, string cssClass) =>
        chart.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == cssClass);

    /// <summary>A text's box from its drawn attributes and the chart's width estimate.</summary>
    private static ChartBox TextBox(XElement text) => SvgText.Box(
        text.Value,
        Number(text, "x"),
        Number(text, "y"),
        Number(text, "font-size"),
        (string?)text.Attribute("text-anchor") ?? "start");

    private static ChartBox Box(XDocument chart, string cssClass)
    {
        var rect = chart.Descendants(Svg + "rect").Single(r => (string?)r.Attribute("class") == cssClass);
        var (x, y) = (Number(rect, "x"), Number(rect, "y"));
        return new ChartBox(x, y, x + Number(rect, "width"), y + Number(rect, "height"));
    }

    private static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static List<(double X, double Y)> Points(XElement polyline) =>
        polyline.Attribute("points")!.Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
