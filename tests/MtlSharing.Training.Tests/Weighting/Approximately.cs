namespace MtlSharing.Training.Tests.Weighting;

/// <summary>Element-wise comparison of doubles with a tolerance.</summary>
internal static class Approximately
{
    public static void ShouldBeClose(this double[] actual, params double[] expected) => actual.ShouldBeCloseWithin(1e-12, expected);

    public static void ShouldBeCloseWithin(this double[] actual, double tolerance, params double[] expected)
    {
        actual.Should().HaveCount(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            actual[i].Should().BeApproximately(expected[i], tolerance, $"element {i}");
        }
    }

    public static void ShouldBeClose(this IReadOnlyDictionary<string, double> actual, IReadOnlyDictionary<string, double> expected, double tolerance = 1e-12)
    {
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (key, value) in expected)
        {
            actual[key].Should().BeApproximately(value, tolerance, $"entry {key}");
        }
    }
}
