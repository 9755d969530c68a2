using System.Globalization;

namespace RethinkingSharing;

/// <summary>Where an axis of a <see cref="ChartLayout"/> gets its ticks: nice linear steps, 1-2-5 per decade on a log axis, thinned so labels never touch.</summary>
internal static class AxisTicks
{
    /// <summary>1, 2 or 5 × 10ⁿ, the smallest at least <paramref name="raw"/>-ish.</summary>
    public static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normal = raw / magnitude;
        return (normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10) * magnitude;
    }

    public static List<double> Linear(double lo, double hi)
    {
        var step = NiceStep((hi - lo) / 6);
        var decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(step) + 1e-9)) + 2;
        return Enumerable.Range((int)Math.Ceiling(lo / step), (int)(Math.Floor(hi / step) - Math.Ceiling(lo / step)) + 1)
            .Select(k => Math.Round(k * step, decimals)).ToList();
    }

    /// <summary>Ticks at 1, 2, 5 × 10ⁿ between the log10 bounds; 1, 3 × 10ⁿ or decades when that makes more than eight.</summary>
    public static List<double> Log(double lo, double hi)
    {
        foreach (var mantissas in new[] { new[] { 1.0, 2, 5 }, [1.0, 3], [1.0] })
        {
            var ticks = new List<double>();
            for (var decade = (int)Math.Floor(lo); decade <= (int)Math.Ceiling(hi); decade++)
            {
                foreach (var m in mantissas)
                {
                    var value = double.Parse(Invariant($"{m}e{decade}"), CultureInfo.InvariantCulture);
                    if (Math.Log10(value) >= lo && Math.Log10(value) <= hi)
                    {
                        ticks.Add(value);
                    }
                }
            }

            if (ticks.Count <= 8 || mantissas.Length == 1)
            {
                return ticks;
            }
        }

        return [];
    }

    /// <summary>Keeps every n-th tick, for the smallest n at which no two labels come within 6 px.</summary>
    public static List<AxisTick> Thin(List<AxisTick> ticks)
    {
        for (var every = 1; every < Math.Max(ticks.Count, 2); every++)
        {
            var kept = ticks.Where((_, i) => i % every == 0).ToList();
            if (kept.Zip(kept.Skip(1)).All(pair => !pair.First.LabelBox.Inflate(3).Intersects(pair.Second.LabelBox.Inflate(3))))
            {
                return kept;
            }
        }

        return ticks.Take(1).ToList();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
