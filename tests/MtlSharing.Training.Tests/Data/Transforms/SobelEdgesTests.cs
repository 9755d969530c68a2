using MtlSharing.Training.Data.Transforms;
using MtlSharing.Training.Tests.Weighting;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class SobelEdgesTests
{
    [Fact]
    public void A_vertical_step_is_an_edge_on_both_of_its_sides_and_the_frame_is_none()
    {
        using var scope = NewDisposeScope();
        var step = tensor(new float[] { 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1 }, new long[] { 1, 1, 3, 4 });

        var output = new SobelEdges().Apply(step, new Random(0));

        // With the border repeated, Gx = (1 + 2 + 1) · (right − left) = 4 in columns 1 and 2, 0 elsewhere; Gy = 0.
        // Dividing by the largest magnitude, 4, leaves 1 on the edge.
        output.shape.Should().Equal(1, 1, 3, 4);
        output.data<float>().ToArray().Should().Equal(0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0);
    }

    [Fact]
    public void A_single_bright_pixel_makes_a_ring_with_weaker_corners()
    {
        using var scope = NewDisposeScope();
        var dot = tensor(new float[] { 0, 0, 0, 0, 1, 0, 0, 0, 0 }, new long[] { 1, 1, 3, 3 });

        var output = new SobelEdges().Apply(dot, new Random(0));

        // By hand with the border repeated: the edge-adjacent pixels have (|Gx|, |Gy|) = (2, 0) or (0, 2), magnitude 2;
        // the corners (1, 1), magnitude √2; the centre sees the same on both sides, 0. Divided by 2:
        var corner = Math.Sqrt(2) / 2;
        output.to(float64).data<double>().ToArray().ShouldBeCloseWithin(1e-6, corner, 1, corner, 1, 0, 1, corner, 1, corner);
    }

    [Fact]
    public void Each_image_is_scaled_by_its_own_strongest_edge_over_all_its_channels()
    {
        using var scope = NewDisposeScope();
        // Image 0: channel 0 a step of height 1, channel 1 a step of height 0.5. Image 1: flat, no edge.
        var images = tensor(new float[] { 0, 1, 0, 1, 0, 0.5f, 0, 0.5f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f }, new long[] { 2, 2, 2, 2 });

        var output = new SobelEdges().Apply(images, new Random(0));

        output.data<float>().ToArray().Should().Equal(1, 1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
