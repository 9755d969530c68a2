namespace RethinkingSharing;

/// <summary>An axis-aligned rectangle in SVG user units (y grows downwards).</summary>
internal readonly record struct ChartBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public double CentreX => (Left + Right) / 2;

    public double CentreY => (Top + Bottom) / 2;

    /// <summary>Whether the two boxes share any area (touching edges do not count).</summary>
    public bool Intersects(ChartBox other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>Whether this box lies entirely inside <paramref name="outer"/>.</summary>
    public bool Within(ChartBox outer) => Left >= outer.Left && Right <= outer.Right && Top >= outer.Top && Bottom <= outer.Bottom;

    /// <summary>The box grown by <paramref name="by"/> on every side (shrunk when negative).</summary>
    public ChartBox Inflate(double by) => new(Left - by, Top - by, Right + by, Bottom + by);

    /// <summary>Whether the segment from a to b passes through the box (Liang–Barsky clipping).</summary>
    public bool Crosses((double X, double Y) a, (double X, double Y) b)
    {
        var (t0, t1) = (0.0, 1.0);
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        foreach (var (p, q) in new[] { (-dx, a.X - Left), (dx, Right - a.X), (-dy, a.Y - Top), (dy, Bottom - a.Y) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return false;
                }

                continue;
            }

            var t = q / p;
            if (p < 0)
            {
                t0 = Math.Max(t0, t);
            }
            else
            {
                t1 = Math.Min(t1, t);
            }

            if (t0 > t1)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Text extents without font metrics: a character is taken as 0.6 × the font size wide (a little
/// more than the average sans-serif glyph), ascent 0.8 and descent 0.22 of the font size.
/// </summary>
internal static class SvgText
{
    public const double CharacterWidth = 0.6;
    public const double Ascent = 0.8;
    public const double Descent = 0.22;

    public static double Width(string text, double fontSize) => CharacterWidth * fontSize * text.Length;

    /// <summary>The box of a one-line text drawn at (x, baseline) with an SVG text-anchor of start, middle or end.</summary>
    public static ChartBox Box(string text, double x, double baseline, double fontSize, string anchor)
    {
        var width = Width(text, fontSize);
        var left = anchor switch
        {
            "middle" => x - (width / 2),
            "end" => x - width,
            _ => x,
        };
        return new ChartBox(left, baseline - (Ascent * fontSize), left + width, baseline + (Descent * fontSize));
    }
}

/// <summary>Marker shapes for reference points, told apart without colour.</summary>
internal enum MarkerShape
{
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Star,
    Hexagon,
    Cross,
    Pentagon,
}
