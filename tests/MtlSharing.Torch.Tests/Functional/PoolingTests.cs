using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

public sealed class PoolingTests
{
    // [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]] as [1, 1, 4, 4].
    private static Tensor Ramp() => arange(1.0, 17.0).reshape(1, 1, 4, 4);

    [Fact]
    public void Max_pool_takes_the_largest_of_each_window()
    {
        using var scope = NewDisposeScope();
        var pooled = F.max_pool2d(Ramp(), [2]);
        pooled.shape.Should().Equal(1, 1, 2, 2);
        pooled.ShouldBeClose(6, 8, 14, 16);
        F.max_pool2d(Ramp(), [3, 3], stride: [1]).ShouldBeClose(11, 12, 15, 16);

        // Padding 1 with stride 2: windows cover rows/columns {−1,0}, {1,2}, {3,4}.
        F.max_pool2d(Ramp(), [2], stride: [2], padding: [1]).ShouldBeClose(1, 3, 4, 9, 11, 12, 13, 15, 16);
        F.max_pool2d(Ramp(), [3], ceil_mode: true).ShouldBeClose(11, 12, 15, 16);
        F.max_pool2d(Ramp(), [2], stride: [1], dilation: [2]).ShouldBeClose(11, 12, 15, 16);
    }

    [Fact]
    public void Avg_pool_averages_each_window_with_or_without_padding_in_the_count()
    {
        using var scope = NewDisposeScope();
        F.avg_pool2d(Ramp(), [2]).ShouldBeClose(3.5, 5.5, 11.5, 13.5);
        F.avg_pool2d(Ramp(), [2], stride: [2], padding: [1]).ShouldBeClose(
            1 / 4.0, (2 + 3) / 4.0, 4 / 4.0,
            (5 + 9) / 4.0, (6 + 7 + 10 + 11) / 4.0, (8 + 12) / 4.0,
            13 / 4.0, (14 + 15) / 4.0, 16 / 4.0);
        F.avg_pool2d(Ramp(), [2], stride: [2], padding: [1], count_include_pad: false).ShouldBeClose(
            1, 2.5, 4,
            7, 8.5, 10,
            13, 14.5, 16);
    }

    [Fact]
    public void Adaptive_avg_pool_divides_the_input_into_the_requested_grid()
    {
        using var scope = NewDisposeScope();
        F.adaptive_avg_pool2d(Ramp(), [1]).ShouldBeClose(8.5);
        F.adaptive_avg_pool2d(Ramp(), [2, 2]).ShouldBeClose(3.5, 5.5, 11.5, 13.5);

        // Width 5 into 3: windows [floor(5i/3), ceil(5(i+1)/3)) = [0,2), [1,4), [3,5).
        var row = arange(1.0, 6.0).reshape(1, 1, 1, 5);
        F.adaptive_avg_pool2d(row, [1, 3]).ShouldBeClose(1.5, 3, 4.5);
    }

    [Fact]
    public void Adaptive_max_pool_takes_the_largest_of_each_grid_cell()
    {
        using var scope = NewDisposeScope();
        F.adaptive_max_pool2d(Ramp(), [2]).ShouldBeClose(6, 8, 14, 16);
        F.adaptive_max_pool2d(Ramp(), [1, 1]).ShouldBeClose(16);
        F.adaptive_max_pool2d(arange(1.0, 6.0).reshape(1, 1, 1, 5), [1, 3]).ShouldBeClose(2, 4, 5);
    }
}
