namespace RethinkingSharing;

/// <summary>A point with its mean and the half-width of its 95% interval (null: no error bar).</summary>
/// <param name="X">Position on the x axis; for a log axis a value ≤ 0 is drawn at a small positive value, with a note under the chart.</param>
/// <param name="Y">Mean; a point whose X or Y is NaN or infinite is skipped, with a note.</param>
/// <param name="Error">Half-width of the 95% interval, drawn as an error bar from Y − Error to Y + Error; null, NaN or ≤ 0: none.</param>
/// <param name="Label">Short text next to the point (e.g. "m=13"); left out when it cannot be placed without overlap, but always in the point's tooltip.</param>
internal sealed record ChartPoint(double X, double Y, double? Error = null, string? Label = null);

/// <summary>A curve: connected points in X order, one colour, named in the legend.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Points">The points, in any order: the line joins them by increasing X.</param>
/// <param name="Dashed">Draws the line dashed, e.g. for a second regime of the same layout.</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, bool Dashed = false);

/// <summary>A reference drawn as a single marker with its own legend entry (e.g. "independent").</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Point">Where the marker goes; its Error and Label are drawn as for series points.</param>
internal sealed record ChartMarker(string Name, ChartPoint Point);

/// <summary>What <see cref="SvgChart.Render(ChartSpec)"/> draws.</summary>
/// <param name="Title">Heading above the plot.</param>
/// <param name="XLabel">Title of the x axis.</param>
/// <param name="YLabel">Title of the y axis.</param>
/// <param name="LogX">A log10 x axis (ticks at 1, 2, 5 × 10ⁿ unless <paramref name="XTicks"/> says otherwise).</param>
/// <param name="Series">Curves, each with its own colour.</param>
/// <param name="Markers">Single reference points, each with its own colour and shape.</param>
/// <param name="Subtitle">Smaller line under the title.</param>
/// <param name="XTicks">The x tick values; the axis is widened to show them all. Null: chosen automatically.</param>
/// <param name="XTickFormat">.NET format of the x tick labels and tooltips; null: "0.##%" on a log axis (X given as fractions, so 0.1 is "10%") and "0.##" on a linear one.</param>
internal sealed record ChartSpec(
    string Title,
    string XLabel,
    string YLabel,
    bool LogX,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ChartMarker> Markers,
    string? Subtitle = null,
    IReadOnlyList<double>? XTicks = null,
    string? XTickFormat = null);
