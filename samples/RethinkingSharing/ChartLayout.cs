using System.Globalization;

namespace RethinkingSharing;

/// <summary>
/// Where everything of a chart goes, worked out before any SVG is written (and testable on its own):
/// scales, ticks, legend outside the plot on the right, and point labels placed greedily so that they
/// overlap nothing.
/// </summary>
internal sealed class ChartLayout
{
    public const double PlotWidth = 600, PlotHeight = 360;
    public const double TickFont = 12, LabelFont = 11, LegendFont = 12, TitleFont = 16, SubtitleFont = 12, AxisTitleFont = 13, NoteFont = 11;
    public const double PointRadius = 4, MarkerRadius = 6.5, CapHalfWidth = 4, TickLength = 5, LegendRow = 20, LegendPadding = 8, LegendSymbolWidth = 28, DodgeStep = 9;

    /// <summary>Okabe &amp; Ito's colour-blind-safe palette, darkest first, without its yellow (too pale on white).</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9"];

    private ChartLayout(ChartSpec spec) => Spec = spec;

    public ChartSpec Spec { get; }

    public double Width { get; private set; }

    public double Height { get; private set; }

    public ChartBox Plot { get; private set; }

    public ChartBox Legend { get; private set; }

    public IReadOnlyList<LegendEntry> LegendEntries { get; private set; } = [];

    public IReadOnlyList<AxisTick> XTicks { get; private set; } = [];

    public IReadOnlyList<AxisTick> YTicks { get; private set; } = [];

    public IReadOnlyList<PlottedSeries> Series { get; private set; } = [];

    public IReadOnlyList<PlottedMarker> Markers { get; private set; } = [];

    public IReadOnlyList<PointLabel> Labels { get; private set; } = [];

    /// <summary>Point labels that fit nowhere without overlap: only in their points' tooltips.</summary>
    public IReadOnlyList<string> OmittedLabels { get; private set; } = [];

    /// <summary>Lines under the chart about what was changed to draw it: clamped or skipped points.</summary>
    public IReadOnlyList<string> Notes { get; private set; } = [];

    public (double X, double Baseline) TitleAt { get; private set; }

    public (double X, double Baseline)? SubtitleAt { get; private set; }

    public (double X, double Baseline) XTitleAt { get; private set; }

    public (double X, double Y) YTitleAt { get; private set; }

    public double NotesTop { get; private set; }

    public string XFormat => Spec.XTickFormat ?? (Spec.LogX ? "0.##%" : "0.##");

    public static ChartLayout Compute(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(spec.Series, nameof(spec.Series));
        ArgumentNullException.ThrowIfNull(spec.Markers, nameof(spec.Markers));
        var layout = new ChartLayout(spec);
        layout.Build();
        return layout;
    }

    private static bool Finite(ChartPoint p) => double.IsFinite(p.X) && double.IsFinite(p.Y);

    private static double ErrorOf(ChartPoint p) => p.Error is { } e && double.IsFinite(e) && e > 0 ? e : 0;

    private void Build()
    {
        var spec = Spec;
        var all = spec.Series.SelectMany(s => s.Points).Concat(spec.Markers.Select(m => m.Point)).ToList();
        var valid = all.Where(Finite).ToList();
        if (valid.Count == 0)
        {
            throw new ArgumentException(
                $"nothing to chart in '{spec.Title}': it needs at least one series point or marker with finite X and Y (it has {spec.Series.Count} series with {spec.Series.Sum(s => s.Points.Count)} points and {spec.Markers.Count} markers)",
                nameof(spec));
        }

        var notes = new List<string>();
        if (all.Count > valid.Count)
        {
            notes.Add(Invariant($"{all.Count - valid.Count} point(s) with a non-finite X or Y not drawn"));
        }

        // X: clamp non-positive values on a log axis to half the smallest positive one.
        var floor = 0.0;
        if (spec.LogX)
        {
            var positive = valid.Where(p => p.X > 0).Select(p => p.X).ToList();
            floor = positive.Count > 0 ? positive.Min() / 2 : 1e-3;
            var clamped = valid.Count(p => p.X <= 0);
            if (clamped > 0)
            {
                notes.Add(Invariant($"{clamped} point(s) with x ≤ 0 drawn at x = {floor.ToString(XFormat, CultureInfo.InvariantCulture)} (log scale)"));
            }
        }

        double XValue(double x) => spec.LogX ? Math.Max(x, floor) : x;
        double T(double x) => spec.LogX ? Math.Log10(XValue(x)) : x;

        var givenTicks = (spec.XTicks ?? []).Where(t => double.IsFinite(t) && (!spec.LogX || t > 0)).Distinct().Order().ToList();
        var xs = valid.Select(p => T(p.X)).Concat(givenTicks.Select(T)).ToList();
        var (xLo, xHi) = (xs.Min(), xs.Max());
        if (xHi - xLo < 1e-12)
        {
            var half = spec.LogX ? 0.5 : Math.Max(Math.Abs(xLo) * 0.1, 1);
            (xLo, xHi) = (xLo - half, xHi + half);
        }
        else
        {
            var pad = 0.08 * (xHi - xLo); // about 40 px each side: room for labels and dodged error bars
            (xLo, xHi) = (xLo - pad, xHi + pad);
        }

        // Y: every error bar inside, some padding, then out to whole tick steps.
        var (yLo, yHi) = (valid.Min(p => p.Y - ErrorOf(p)), valid.Max(p => p.Y + ErrorOf(p)));
        var ySpan = yHi - yLo;
        if (ySpan < 1e-12)
        {
            ySpan = Math.Max(Math.Abs(yLo) * 0.1, 1);
            (yLo, yHi) = (yLo - (ySpan / 2), yHi + (ySpan / 2));
        }

        (yLo, yHi) = (yLo - (0.06 * ySpan), yHi + (0.06 * ySpan));
        var yStep = AxisTicks.NiceStep((yHi - yLo) / 5);
        (yLo, yHi) = (Math.Floor(yLo / yStep) * yStep, Math.Ceiling(yHi / yStep) * yStep);
        var yDecimals = Math.Max(0, (int)-Math.Floor(Math.Log10(yStep) + 1e-9));
        var yTickValues = Enumerable.Range(0, (int)Math.Round((yHi - yLo) / yStep) + 1).Select(k => Math.Round(yLo + (k * yStep), yDecimals + 2)).ToList();
        var yTexts = yTickValues.Select(v => (v == 0 ? 0 : v).ToString("F" + yDecimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToList();

        // Frame: title band on top, y title and tick labels on the left.
        var titleBaseline = 14 + (SvgText.Ascent * TitleFont);
        var bandBottom = titleBaseline + (SvgText.Descent * TitleFont);
        if (!string.IsNullOrWhiteSpace(spec.Subtitle))
        {
            SubtitleAt = (0, bandBottom + 4 + (SvgText.Ascent * SubtitleFont));
            bandBottom = SubtitleAt.Value.Baseline + (SvgText.Descent * SubtitleFont);
        }

        var yTickWidth = yTexts.Max(t => SvgText.Width(t, TickFont));
        var plotLeft = 8 + AxisTitleFont + 12 + yTickWidth + TickLength + 4;
        var plotTop = bandBottom + 16;
        Plot = new ChartBox(plotLeft, plotTop, plotLeft + PlotWidth, plotTop + PlotHeight);
        var plot = Plot;
        double Px(double x) => plot.Left + ((T(x) - xLo) / (xHi - xLo) * PlotWidth);
        double Py(double y) => plot.Bottom - ((y - yLo) / (yHi - yLo) * PlotHeight);

        YTicks = yTickValues.Zip(yTexts, (v, text) =>
        {
            var baseline = Py(v) + (0.35 * TickFont);
            return new AxisTick(v, Py(v), text, SvgText.Box(text, plot.Left - TickLength - 4, baseline, TickFont, "end"));
        }).ToList();

        var xTickValues = givenTicks.Count > 0 ? givenTicks : spec.LogX ? AxisTicks.Log(xLo, xHi) : AxisTicks.Linear(xLo, xHi);
        if (spec.LogX && givenTicks.Count == 0 && xTickValues.Count < 2)
        {
            xTickValues = AxisTicks.Linear(Math.Pow(10, xLo), Math.Pow(10, xHi));
        }

        var xTickBaseline = plot.Bottom + TickLength + 3 + (SvgText.Ascent * TickFont);
        XTicks = AxisTicks.Thin(xTickValues.Where(v => T(v) >= xLo - 1e-9 && T(v) <= xHi + 1e-9).Select(v =>
        {
            var text = v.ToString(XFormat, CultureInfo.InvariantCulture);
            return new AxisTick(v, Px(v), text, SvgText.Box(text, Px(v), xTickBaseline, TickFont, "middle"));
        }).ToList());

        XTitleAt = (plot.CentreX, xTickBaseline + (SvgText.Descent * TickFont) + 8 + (SvgText.Ascent * AxisTitleFont));
        YTitleAt = (8 + (SvgText.Ascent * AxisTitleFont), plot.CentreY);
        NotesTop = XTitleAt.Baseline + (SvgText.Descent * AxisTitleFont) + 6;
        Notes = notes;

        // Legend: outside the plot, on the right, series first.
        var names = spec.Series.Select(s => s.Name ?? string.Empty).Concat(spec.Markers.Select(m => m.Name ?? string.Empty)).ToList();
        var legendLeft = plot.Right + 18;
        var textX = legendLeft + LegendPadding + LegendSymbolWidth + 8;
        var entries = new List<LegendEntry>();
        var colours = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var colour = Palette[i % Palette.Length];
            colours.Add(colour);
            var centreY = plot.Top + LegendPadding + (LegendRow * (i + 0.5));
            var baseline = centreY + (0.35 * LegendFont);
            var isSeries = i < spec.Series.Count;
            entries.Add(new LegendEntry(
                names[i],
                colour,
                isSeries && spec.Series[i].Dashed,
                isSeries ? null : (MarkerShape)((i - spec.Series.Count) % Enum.GetValues<MarkerShape>().Length),
                legendLeft + LegendPadding,
                centreY,
                textX,
                baseline,
                SvgText.Box(names[i], textX, baseline, LegendFont, "start")));
        }

        LegendEntries = entries;
        var legendTextWidth = names.Count == 0 ? 0 : names.Max(n => SvgText.Width(n, LegendFont));
        Legend = new ChartBox(legendLeft, plot.Top, textX + legendTextWidth + LegendPadding, plot.Top + (2 * LegendPadding) + (LegendRow * names.Count));

        Width = Math.Ceiling(Math.Max(Legend.Right, Math.Max(plot.Right, XTitleAt.X + (SvgText.Width(spec.XLabel ?? string.Empty, AxisTitleFont) / 2))) + 12);
        Height = Math.Ceiling(Math.Max(Legend.Bottom + 12, NotesTop + (notes.Count * (NoteFont + 5)) + 8));
        var titleWidth = Math.Max(SvgText.Width(spec.Title ?? string.Empty, TitleFont), SvgText.Width(spec.Subtitle ?? string.Empty, SubtitleFont));
        var titleX = plot.CentreX;
        if (titleX - (titleWidth / 2) < 8 || titleX + (titleWidth / 2) > Width - 8)
        {
            Width = Math.Ceiling(Math.Max(Width, titleWidth + 16));
            titleX = Width / 2;
        }

        TitleAt = (titleX, titleBaseline);
        if (SubtitleAt is { } subtitle)
        {
            SubtitleAt = (titleX, subtitle.Baseline);
        }

        // Points in pixels.
        string Tooltip(string name, ChartPoint p)
        {
            var y = p.Error is { } e && ErrorOf(p) > 0
                ? Invariant($"{p.Y:0.##} ± {e:0.##}")
                : Invariant($"{p.Y:0.##}");
            var label = string.IsNullOrEmpty(p.Label) ? string.Empty : $" ({p.Label})";
            return $"{name}: x = {p.X.ToString(XFormat, CultureInfo.InvariantCulture)}, y = {y}{label}";
        }

        PlottedPoint Plotted(string name, ChartPoint p)
        {
            var error = ErrorOf(p);
            return new PlottedPoint(
                p,
                XValue(p.X),
                Px(p.X),
                Py(p.Y),
                error > 0 ? Py(p.Y + error) : null,
                error > 0 ? Py(p.Y - error) : null,
                Tooltip(name, p));
        }

        Series = spec.Series.Select((s, i) => new PlottedSeries(
            s,
            colours[i],
            s.Points.Where(Finite).Select(p => Plotted(s.Name, p)).OrderBy(p => p.X).ToList())).ToList();
        Markers = spec.Markers.Select((m, i) => new PlottedMarker(
            m,
            colours[spec.Series.Count + i],
            entries[spec.Series.Count + i].Shape!.Value,
            Finite(m.Point) ? Plotted(m.Name, m.Point) : null)).ToList();

        Dodge();
        PlaceLabels();
    }

    /// <summary>
    /// Spreads points that share an x position sideways, DodgeStep px apart in series-then-marker order,
    /// when at least two of them have error bars, so that the bars stay apart (the tooltip keeps the true X).
    /// </summary>
    private void Dodge()
    {
        var all = Series.SelectMany((s, i) => s.Points.Select(p => (Owner: i, Point: p)))
            .Concat(Markers.Select((m, i) => (Owner: Series.Count + i, Point: m.Point)).Where(o => o.Point is not null).Select(o => (o.Owner, Point: o.Point!)))
            .ToList();
        var moved = new Dictionary<PlottedPoint, PlottedPoint>(ReferenceEqualityComparer.Instance);
        foreach (var group in all.GroupBy(o => Math.Round(o.Point.Px)).Where(g => g.Count(o => o.Point.ErrorTop is not null) >= 2))
        {
            var members = group.OrderBy(o => o.Owner).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var point = members[i].Point;
                moved[point] = point with { Px = point.Px + ((i - ((members.Count - 1) / 2.0)) * DodgeStep) };
            }
        }

        PlottedPoint Moved(PlottedPoint p) => moved.TryGetValue(p, out var m) ? m : p;
        Series = Series.Select(s => s with { Points = s.Points.Select(Moved).ToList() }).ToList();
        Markers = Markers.Select(m => m.Point is null ? m : m with { Point = Moved(m.Point) }).ToList();
    }

    /// <summary>
    /// Greedy placement: each label tries above, below, right, left, then the four corners of its point;
    /// it takes the first spot inside the plot that overlaps no symbol, error bar, tick label, legend or
    /// earlier label, preferring spots that cross no line. A label with no such spot is left out.
    /// </summary>
    private void PlaceLabels()
    {
        var inner = Plot.Inflate(-3);
        var obstacles = new List<ChartBox> { Legend };
        obstacles.AddRange(XTicks.Select(t => t.LabelBox));
        obstacles.AddRange(YTicks.Select(t => t.LabelBox));
        var owners = new List<(PlottedPoint Point, double Radius, string Colour)>();
        foreach (var series in Series)
        {
            owners.AddRange(series.Points.Select(p => (p, PointRadius, series.Colour)));
        }

        foreach (var marker in Markers.Where(m => m.Point is not null))
        {
            owners.Add((marker.Point!, MarkerRadius, marker.Colour));
        }

        foreach (var (p, r, _) in owners)
        {
            obstacles.Add(new ChartBox(p.Px - r, p.Py - r, p.Px + r, p.Py + r).Inflate(1));
            if (p.ErrorTop is { } top && p.ErrorBottom is { } bottom)
            {
                obstacles.Add(new ChartBox(p.Px - CapHalfWidth, top, p.Px + CapHalfWidth, bottom));
            }
        }

        var segments = Series.SelectMany(s => s.Points.Zip(s.Points.Skip(1), (a, b) => ((a.Px, a.Py), (b.Px, b.Py)))).ToList();
        var placed = new List<PointLabel>();
        var omitted = new List<string>();
        foreach (var (p, r, colour) in owners.Where(o => !string.IsNullOrWhiteSpace(o.Point.Source.Label)))
        {
            var text = p.Source.Label!;
            var candidates = Candidates(p, r, text, colour).Where(c => c.Box.Within(inner) && !obstacles.Any(o => o.Intersects(c.Box.Inflate(2)))).ToList();
            var chosen = candidates.FirstOrDefault(c => !segments.Any(s => c.Box.Inflate(1).Crosses(s.Item1, s.Item2))) ?? candidates.FirstOrDefault();
            if (chosen is null)
            {
                omitted.Add(text);
                continue;
            }

            placed.Add(chosen);
            obstacles.Add(chosen.Box);
        }

        Labels = placed;
        OmittedLabels = omitted;
    }

    private static IEnumerable<PointLabel> Candidates(PlottedPoint p, double r, string text, string colour)
    {
        const double gap = 4, f = LabelFont;
        var top = Math.Min(p.Py - r, p.ErrorTop ?? p.Py);
        var bottom = Math.Max(p.Py + r, p.ErrorBottom ?? p.Py);
        var side = Math.Max(r, CapHalfWidth) + gap;
        var middle = p.Py + (0.3 * f);
        PointLabel At(double x, double baseline, string anchor) => new(text, x, baseline, anchor, SvgText.Box(text, x, baseline, f, anchor), colour);

        yield return At(p.Px, top - gap - (SvgText.Descent * f), "middle");
        yield return At(p.Px, bottom + gap + (SvgText.Ascent * f), "middle");
        yield return At(p.Px + side, middle, "start");
        yield return At(p.Px - side, middle, "end");
        yield return At(p.Px + CapHalfWidth + 3, p.Py - r - 2 - (SvgText.Descent * f), "start");
        yield return At(p.Px + CapHalfWidth + 3, p.Py + r + 2 + (SvgText.Ascent * f), "start");
        yield return At(p.Px - CapHalfWidth - 3, p.Py - r - 2 - (SvgText.Descent * f), "end");
        yield return At(p.Px - CapHalfWidth - 3, p.Py + r + 2 + (SvgText.Ascent * f), "end");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
