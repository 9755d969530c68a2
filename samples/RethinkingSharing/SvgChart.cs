using System.Globalization;
using System.Security;
using System.Text;

namespace RethinkingSharing;

/// <summary>
/// An SVG line chart of mean accuracy (y) against task-specific parameter share (x, log scale):
/// one line for bottom-specific, one for top-specific, and markers for the reference layouts.
/// </summary>
internal static class SvgChart
{
    private const double Width = 720, Height = 440, Left = 70, Right = 170, Top = 40, Bottom = 60;

    public static string Render(IReadOnlyList<LayoutSummary> summaries, string title)
    {
        var points = summaries.Select(s => (s, X: Math.Max(s.TaskSpecificShare, 1e-4), Y: s.MeanAccuracy.Mean * 100)).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException("no results to chart", nameof(summaries));
        }

        var (xMin, xMax) = (Math.Log10(points.Min(p => p.X)) - 0.1, Math.Log10(points.Max(p => p.X)) + 0.1);
        var (yMin, yMax) = (Math.Floor(points.Min(p => p.Y - 1)), Math.Ceiling(points.Max(p => p.Y + 1)));
        double Px(double x) => Left + ((Math.Log10(x) - xMin) / (xMax - xMin) * (Width - Left - Right));
        double Py(double y) => Height - Bottom - ((y - yMin) / (yMax - yMin) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.AppendLine(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        svg.AppendLine(F($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{SecurityElement.Escape(title)}</text>"));
        Axes(svg, xMin, xMax, yMin, yMax, Px, Py);
        Series(svg, points.Where(p => p.s.Layout.Kind == "bottom").OrderBy(p => p.X).Select(p => (p.X, p.Y)).ToList(), "#1f77b4", "bottom-specific", 0, Px, Py);
        Series(svg, points.Where(p => p.s.Layout.Kind == "top").OrderBy(p => p.X).Select(p => (p.X, p.Y)).ToList(), "#d62728", "top-specific", 1, Px, Py);
        var references = points.Where(p => p.s.Layout.Kind is "independent" or "shared").ToList();
        for (var i = 0; i < references.Count; i++)
        {
            var (s, x, y) = references[i];
            svg.AppendLine(F($"<rect x=\"{Px(x) - 5}\" y=\"{Py(y) - 5}\" width=\"10\" height=\"10\" fill=\"#555\"/>"));
            svg.AppendLine(F($"<text x=\"{Px(x) + 8}\" y=\"{Py(y) - 8}\" fill=\"#555\">{s.Layout.Label}</text>"));
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Axes(StringBuilder svg, double xMin, double xMax, double yMin, double yMax, Func<double, double> px, Func<double, double> py)
    {
        svg.AppendLine(F($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
        svg.AppendLine(F($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>"));
        foreach (var share in new[] { 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0 }.Where(s => Math.Log10(s) >= xMin && Math.Log10(s) <= xMax))
        {
            svg.AppendLine(F($"<line x1=\"{px(share)}\" y1=\"{Height - Bottom}\" x2=\"{px(share)}\" y2=\"{Height - Bottom + 5}\" stroke=\"black\"/>"));
            svg.AppendLine(F($"<text x=\"{px(share)}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{share * 100:0.#}%</text>"));
        }

        var step = Math.Max(1, Math.Ceiling((yMax - yMin) / 8));
        for (var y = yMin; y <= yMax; y += step)
        {
            svg.AppendLine(F($"<line x1=\"{Left - 5}\" y1=\"{py(y)}\" x2=\"{Width - Right}\" y2=\"{py(y)}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(F($"<text x=\"{Left - 8}\" y=\"{py(y) + 4}\" text-anchor=\"end\">{y:0}</text>"));
        }

        svg.AppendLine(F($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 15}\" text-anchor=\"middle\">task-specific parameter share (log scale)</text>"));
        svg.AppendLine(F($"<text x=\"18\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {(Top + Height - Bottom) / 2})\">mean test accuracy (%)</text>"));
    }

    private static void Series(StringBuilder svg, List<(double X, double Y)> points, string colour, string name, int legendRow, Func<double, double> px, Func<double, double> py)
    {
        if (points.Count > 0)
        {
            svg.AppendLine(F($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(" ", points.Select(p => F($"{px(p.X):0.#},{py(p.Y):0.#}")))}\"/>"));
            foreach (var (x, y) in points)
            {
                svg.AppendLine(F($"<circle cx=\"{px(x):0.#}\" cy=\"{py(y):0.#}\" r=\"4\" fill=\"{colour}\"/>"));
            }
        }

        var ly = Top + 10 + (legendRow * 20);
        svg.AppendLine(F($"<line x1=\"{Width - Right + 15}\" y1=\"{ly}\" x2=\"{Width - Right + 40}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"/>"));
        svg.AppendLine(F($"<text x=\"{Width - Right + 45}\" y=\"{ly + 4}\">{name}</text>"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
