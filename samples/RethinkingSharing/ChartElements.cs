namespace RethinkingSharing;

/// <summary>A tick: its value, its position along the axis in pixels, its label and the label's box.</summary>
internal sealed record AxisTick(double Value, double Position, string Text, ChartBox LabelBox);

/// <summary>A drawable point: data value (X clamped on a log axis), pixel position and error-bar ends in pixels.</summary>
internal sealed record PlottedPoint(ChartPoint Source, double X, double Px, double Py, double? ErrorTop, double? ErrorBottom, string Tooltip);

/// <summary>A curve ready to draw: its points in pixels and its colour.</summary>
internal sealed record PlottedSeries(ChartSeries Source, string Colour, IReadOnlyList<PlottedPoint> Points);

/// <summary>A reference marker ready to draw: colour, shape and its point (null when it could not be drawn).</summary>
internal sealed record PlottedMarker(ChartMarker Source, string Colour, MarkerShape Shape, PlottedPoint? Point);

/// <summary>One legend row: the symbol sits left of the text, centred on <paramref name="CentreY"/>.</summary>
internal sealed record LegendEntry(string Name, string Colour, bool Dashed, MarkerShape? Shape, double SymbolLeft, double CentreY, double TextX, double TextBaseline, ChartBox TextBox);

/// <summary>A point label that was placed: drawn at (X, Baseline) with the given text-anchor.</summary>
internal sealed record PointLabel(string Text, double X, double Baseline, string Anchor, ChartBox Box, string Colour);
