namespace MtlSharing.Torch.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Zeros_has_the_requested_shape()
    {
        using var t = zeros([2, 3]);
        t.shape.Should().Equal(2, 3);
        t.dtype.Should().Be(ScalarType.Float32);
        t.ToArray<float>().Should().OnlyContain(v => v == 0f);
    }
}
