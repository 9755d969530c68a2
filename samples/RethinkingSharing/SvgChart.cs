using System.Globalization;
using System.Security;
using System.Text;
using MtlSharing.Metrics;

namespace RethinkingSharing;

/// <summary>
/// A hand-written SVG line chart: curves with 95% error bars, reference markers of distinct shapes,
/// a legend outside the plot on the right, and point labels that never overlap. Hand-written because
/// no charting library is usable here (ScottPlot and SkiaSharp are not available to this build); the
/// geometry is worked out by <see cref="ChartLayout"/>, and this class only writes it out.
/// Colours are Okabe &amp; Ito's colour-blind-safe palette; numbers are culture-invariant.
/// </summary>
internal static class SvgChart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Draws a chart as a standalone SVG document.</summary>
    /// <exception cref="ArgumentException">No series point or marker has a finite X and Y.</exception>
    public static string Render(ChartSpec spec) => Render(ChartLayout.Compute(spec));

    /// <summary>Writes out a laid-out chart.</summary>
    public static string Render(ChartLayout layout)
    {
        var spec = layout.Spec;
        var plot = layout.Plot;
        var svg = new StringBuilder();
        svg.AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{layout.Width}\" height=\"{layout.Height}\" viewBox=\"0 0 {layout.Width} {layout.Height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">"));
        svg.AppendLine(F($"<rect width=\"{layout.Width}\" height=\"{layout.Height}\" fill=\"white\"/>"));
        Text(svg, "title", spec.Title, layout.TitleAt.X, layout.TitleAt.Baseline, ChartLayout.TitleFont, "middle", "#000", " font-weight=\"bold\"");
        if (layout.SubtitleAt is { } subtitle)
        {
            Text(svg, "subtitle", spec.Subtitle!, subtitle.X, subtitle.Baseline, ChartLayout.SubtitleFont, "middle", "#444");
        }

        // Grid, frame, ticks and axis titles.
        void Line(double x1, double y1, double x2, double y2) =>
            svg.AppendLine(F($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>"));
        svg.AppendLine("<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">");
        layout.YTicks.ToList().ForEach(tick => Line(plot.Left, tick.Position, plot.Right, tick.Position));
        layout.XTicks.ToList().ForEach(tick => Line(tick.Position, plot.Top, tick.Position, plot.Bottom));
        svg.AppendLine("</g>");
        svg.AppendLine(F($"<rect class=\"plot-area\" x=\"{N(plot.Left)}\" y=\"{N(plot.Top)}\" width=\"{N(plot.Width)}\" height=\"{N(plot.Height)}\" fill=\"none\" stroke=\"#444\"/>"));
        svg.AppendLine("<g class=\"ticks\" stroke=\"#444\">");
        layout.YTicks.ToList().ForEach(tick => Line(plot.Left - ChartLayout.TickLength, tick.Position, plot.Left, tick.Position));
        layout.XTicks.ToList().ForEach(tick => Line(tick.Position, plot.Bottom, tick.Position, plot.Bottom + ChartLayout.TickLength));
        svg.AppendLine("</g>");
        foreach (var tick in layout.YTicks)
        {
            Text(svg, "y-tick", tick.Text, plot.Left - ChartLayout.TickLength - 4, tick.LabelBox.Bottom - (SvgText.Descent * ChartLayout.TickFont), ChartLayout.TickFont, "end", "#222");
        }

        foreach (var tick in layout.XTicks)
        {
            Text(svg, "x-tick", tick.Text, tick.Position, tick.LabelBox.Bottom - (SvgText.Descent * ChartLayout.TickFont), ChartLayout.TickFont, "middle", "#222");
        }

        Text(svg, "x-title", spec.XLabel, layout.XTitleAt.X, layout.XTitleAt.Baseline, ChartLayout.AxisTitleFont, "middle", "#000");
        Text(svg, "y-title", spec.YLabel, layout.YTitleAt.X, layout.YTitleAt.Y, ChartLayout.AxisTitleFont, "middle", "#000", F($" transform=\"rotate(-90 {N(layout.YTitleAt.X)} {N(layout.YTitleAt.Y)})\""));
        for (var i = 0; i < layout.Notes.Count; i++)
        {
            Text(svg, "note", layout.Notes[i], plot.Left, layout.NotesTop + ((i + 1) * (ChartLayout.NoteFont + 5)) - 4, ChartLayout.NoteFont, "start", "#666", " font-style=\"italic\"");
        }

        // Data: error bars under lines under symbols.
        foreach (var series in layout.Series)
        {
            ErrorBars(svg, series.Points, series.Colour);
        }

        foreach (var marker in layout.Markers.Where(m => m.Point is not null))
        {
            ErrorBars(svg, [marker.Point!], marker.Colour);
        }

        foreach (var series in layout.Series.Where(s => s.Points.Count > 0))
        {
            var dash = series.Source.Dashed ? " stroke-dasharray=\"7 4\"" : string.Empty;
            svg.AppendLine(F($"<polyline class=\"series\" fill=\"none\" stroke=\"{series.Colour}\" stroke-width=\"2\" stroke-linejoin=\"round\"{dash} points=\"{string.Join(" ", series.Points.Select(p => F($"{N(p.Px)},{N(p.Py)}")))}\"/>"));
        }

        foreach (var series in layout.Series)
        {
            foreach (var p in series.Points)
            {
                svg.AppendLine(F($"<circle class=\"point\" cx=\"{N(p.Px)}\" cy=\"{N(p.Py)}\" r=\"{ChartLayout.PointRadius}\" fill=\"{series.Colour}\" stroke=\"white\" stroke-width=\"1\"><title>{Escape(p.Tooltip)}</title></circle>"));
            }
        }

        foreach (var marker in layout.Markers.Where(m => m.Point is not null))
        {
            var p = marker.Point!;
            svg.AppendLine(F($"<path class=\"marker\" data-shape=\"{marker.Shape}\" d=\"{Shape(marker.Shape, p.Px, p.Py, ChartLayout.MarkerRadius)}\" fill=\"{marker.Colour}\" stroke=\"white\" stroke-width=\"1\"><title>{Escape(p.Tooltip)}</title></path>"));
        }

        foreach (var label in layout.Labels)
        {
            Text(svg, "point-label", label.Text, label.X, label.Baseline, ChartLayout.LabelFont, label.Anchor, label.Colour, " stroke=\"white\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }

        // Legend.
        var legend = layout.Legend;
        svg.AppendLine("<g class=\"legend\">");
        svg.AppendLine(F($"<rect class=\"legend-box\" x=\"{N(legend.Left)}\" y=\"{N(legend.Top)}\" width=\"{N(legend.Width)}\" height=\"{N(legend.Height)}\" fill=\"white\" stroke=\"#bbb\"/>"));
        foreach (var entry in layout.LegendEntries)
        {
            if (entry.Shape is { } shape)
            {
                svg.AppendLine(F($"<path d=\"{Shape(shape, entry.SymbolLeft + (ChartLayout.LegendSymbolWidth / 2), entry.CentreY, ChartLayout.MarkerRadius)}\" fill=\"{entry.Colour}\"/>"));
            }
            else
            {
                var dash = entry.Dashed ? " stroke-dasharray=\"7 4\"" : string.Empty;
                svg.AppendLine(F($"<line x1=\"{N(entry.SymbolLeft)}\" y1=\"{N(entry.CentreY)}\" x2=\"{N(entry.SymbolLeft + ChartLayout.LegendSymbolWidth)}\" y2=\"{N(entry.CentreY)}\" stroke=\"{entry.Colour}\" stroke-width=\"2.5\"{dash}/>"));
            }

            Text(svg, "legend", entry.Name, entry.TextX, entry.TextBaseline, ChartLayout.LegendFont, "start", "#000");
        }

        svg.AppendLine("</g>");
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void ErrorBars(StringBuilder svg, IEnumerable<PlottedPoint> points, string colour)
    {
        const double cap = ChartLayout.CapHalfWidth;
        foreach (var p in points)
        {
            if (p.ErrorTop is { } top && p.ErrorBottom is { } bottom)
            {
                svg.AppendLine(F($"<path class=\"error-bar\" d=\"M{N(p.Px)},{N(top)}V{N(bottom)}M{N(p.Px - cap)},{N(top)}H{N(p.Px + cap)}M{N(p.Px - cap)},{N(bottom)}H{N(p.Px + cap)}\" stroke=\"{colour}\" stroke-width=\"1.3\" fill=\"none\"/>"));
            }
        }
    }

    /// <summary>An SVG path of a marker centred on (x, y) with about radius r.</summary>
    private static string Shape(MarkerShape shape, double x, double y, double r)
    {
        string Polygon(int corners, double radius, double startDegrees, double innerRatio = 1)
        {
            var steps = innerRatio < 1 ? corners * 2 : corners;
            var points = Enumerable.Range(0, steps).Select(i =>
            {
                var angle = (startDegrees + (i * 360.0 / steps)) * Math.PI / 180;
                var d = i % 2 == 1 && innerRatio < 1 ? radius * innerRatio : radius;
                return F($"{N(x + (d * Math.Cos(angle)))},{N(y + (d * Math.Sin(angle)))}");
            });
            return "M" + string.Join("L", points) + "Z";
        }

        var s = r * 0.8;
        var t = r * 0.33;
        return shape switch
        {
            MarkerShape.Square => F($"M{N(x - s)},{N(y - s)}H{N(x + s)}V{N(y + s)}H{N(x - s)}Z"),
            MarkerShape.Diamond => Polygon(4, r * 1.1, -90),
            MarkerShape.TriangleUp => Polygon(3, r * 1.1, -90),
            MarkerShape.TriangleDown => Polygon(3, r * 1.1, 90),
            MarkerShape.Star => Polygon(5, r * 1.2, -90, 0.45),
            MarkerShape.Hexagon => Polygon(6, r, 0),
            MarkerShape.Cross => F($"M{N(x - t)},{N(y - r)}H{N(x + t)}V{N(y - t)}H{N(x + r)}V{N(y + t)}H{N(x + t)}V{N(y + r)}H{N(x - t)}V{N(y + t)}H{N(x - r)}V{N(y - t)}H{N(x - t)}Z"),
            _ => Polygon(5, r, -90),
        };
    }

    private static void Text(StringBuilder svg, string cssClass, string text, double x, double y, double fontSize, string anchor, string fill, string extra = "") =>
        svg.AppendLine(F($"<text class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(fontSize)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{extra}>{Escape(text)}</text>"));

    private static string Escape(string? text) => SecurityElement.Escape(text ?? string.Empty);

    private static string N(double value) => value.ToString("0.##", Invariant);

    private static string F(FormattableString text) => text.ToString(Invariant);
}
