namespace MtlSharing.Torch.Tests.Functional;

public sealed class ReferenceTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(-2.0, -0.9953222650189527)]
    [InlineData(3.0, 0.9999779095030014)]
    public void Erf_matches_published_values(double x, double expected)
    {
        Reference.Erf(x).Should().BeApproximately(expected, 1e-12);
    }
}
