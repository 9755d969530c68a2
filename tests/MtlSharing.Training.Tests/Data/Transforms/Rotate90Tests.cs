using MtlSharing.Training.Data.Transforms;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class Rotate90Tests
{
    [Fact]
    public void One_quarter_turn_is_counter_clockwise()
    {
        using var scope = NewDisposeScope();
        var image = tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new long[] { 1, 1, 3, 3 });

        var output = new Rotate90().Apply(image, new Random(0));

        // 1 2 3        3 6 9
        // 4 5 6   →    2 5 8
        // 7 8 9        1 4 7
        output.shape.Should().Equal(1, 1, 3, 3);
        output.data<float>().ToArray().Should().Equal(3, 6, 9, 2, 5, 8, 1, 4, 7);
    }

    [Fact]
    public void A_negative_turn_is_clockwise_and_every_channel_turns()
    {
        using var scope = NewDisposeScope();
        var image = tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90 }, new long[] { 1, 2, 3, 3 });

        var output = new Rotate90(-1).Apply(image, new Random(0));

        output.data<float>().ToArray().Should().Equal(7, 4, 1, 8, 5, 2, 9, 6, 3, 70, 40, 10, 80, 50, 20, 90, 60, 30);
    }

    [Fact]
    public void A_wide_image_becomes_tall()
    {
        using var scope = NewDisposeScope();
        var image = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 1, 1, 2, 3 });

        var output = new Rotate90().Apply(image, new Random(0));

        // 1 2 3   →   3 6
        // 4 5 6       2 5
        //             1 4
        output.shape.Should().Equal(1, 1, 3, 2);
        output.data<float>().ToArray().Should().Equal(3, 6, 2, 5, 1, 4);
    }
}
