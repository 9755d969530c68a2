using MtlSharing.Training.Data.Transforms;
using MtlSharing.Training.Tests.Weighting;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class ContrastTests
{
    [Fact]
    public void A_low_factor_squeezes_intensities_about_mid_grey()
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(new float[] { 0, 0.5f, 1 }, new long[] { 1, 1, 1, 3 });

        var output = new Contrast(0.3).Apply(inputs, new Random(0));

        // 0.5 + 0.3 · (x − 0.5)
        output.to(float64).data<double>().ToArray().ShouldBeCloseWithin(1e-6, 0.35, 0.5, 0.65);
    }

    [Fact]
    public void The_centre_stays_where_it_is()
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(new float[] { 0, 0.2f, 0.4f }, new long[] { 1, 1, 1, 3 });

        var output = new Contrast(2, centre: 0.2).Apply(inputs, new Random(0));

        // 0.2 + 2 · (x − 0.2); nothing is clamped.
        output.to(float64).data<double>().ToArray().ShouldBeCloseWithin(1e-6, -0.2, 0.2, 0.6);
    }

    [Fact]
    public void The_factor_and_the_centre_are_checked()
    {
        Invoking(() => new Contrast(-0.1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 0*");
        Invoking(() => new Contrast(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        Invoking(() => new Contrast(0.5, centre: 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[0, 1]*");
    }
}
