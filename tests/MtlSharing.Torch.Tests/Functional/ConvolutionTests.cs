using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

public sealed class ConvolutionTests
{
    // [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]] as [1, 1, 4, 4].
    private static Tensor Ramp() => arange(1.0, 17.0).reshape(1, 1, 4, 4);

    [Fact]
    public void Stride_two_with_padding_one_by_hand()
    {
        using var scope = NewDisposeScope();
        var kernel = tensor(new float[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 }, [1, 1, 3, 3]);
        var output = F.conv2d(Ramp(), kernel, stride: [2], padding: [1]);
        output.shape.Should().Equal(1, 1, 2, 2);

        // Each output sees the 3×3 window centred on input (2i, 2j), zero outside the input:
        // (0,0) [[0,0,0],[0,1,2],[0,5,6]]       → −2·2 − 6 = −10
        // (0,1) [[0,0,0],[2,3,4],[6,7,8]]       → 2·2 − 2·4 + 6 − 8 = −6
        // (1,0) [[0,5,6],[0,9,10],[0,13,14]]    → −6 − 2·10 − 14 = −40
        // (1,1) [[6,7,8],[10,11,12],[14,15,16]] → 6 − 8 + 2·10 − 2·12 + 14 − 16 = −8
        output.ShouldBeClose(-10, -6, -40, -8);

        var withBias = F.conv2d(Ramp(), kernel, tensor(new float[] { 0.5f }), stride: [2, 2], padding: [1, 1]);
        withBias.ShouldBeClose(-9.5, -5.5, -39.5, -7.5);
    }

    [Fact]
    public void Dilation_spreads_the_kernel_taps_by_hand()
    {
        using var scope = NewDisposeScope();
        var kernel = tensor(new float[] { 1, 2, 3, 4 }, [1, 1, 2, 2]);
        var output = F.conv2d(Ramp(), kernel, dilation: [2]);

        // out(i,j) = 1·x(i,j) + 2·x(i,j+2) + 3·x(i+2,j) + 4·x(i+2,j+2)
        output.shape.Should().Equal(1, 1, 2, 2);
        output.ShouldBeClose(
            1 + (2 * 3) + (3 * 9) + (4 * 11),
            2 + (2 * 4) + (3 * 10) + (4 * 12),
            5 + (2 * 7) + (3 * 13) + (4 * 15),
            6 + (2 * 8) + (3 * 14) + (4 * 16));
    }

    [Fact]
    public void Groups_convolve_each_channel_group_separately_by_hand()
    {
        using var scope = NewDisposeScope();
        var input = tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, [1, 2, 2, 2]);

        // Group 0 sees channel 0 only through the diagonal kernel, group 1 channel 1 through the anti-diagonal.
        var weight = tensor(new float[] { 1, 0, 0, 1, 0, 1, 1, 0 }, [2, 1, 2, 2]);
        var output = F.conv2d(input, weight, groups: 2);
        output.shape.Should().Equal(1, 2, 1, 1);
        output.ShouldBeClose(1 + 4, 6 + 7);

        var bias = tensor(new float[] { 10, 20 });
        F.conv2d(input, weight, bias, groups: 2).ShouldBeClose(15, 33);
    }

    [Theory]
    [InlineData(1, 1, 0, 0, 1, 1, 1)]
    [InlineData(2, 1, 1, 0, 1, 1, 1)]
    [InlineData(1, 2, 2, 1, 2, 1, 1)]
    [InlineData(2, 2, 1, 1, 1, 2, 2)]
    [InlineData(1, 3, 0, 2, 2, 2, 4)]
    public void Matches_a_direct_loop_for_stride_padding_dilation_and_groups(int strideH, int strideW, int padH, int padW, int dilH, int dilW, int groups)
    {
        using var scope = NewDisposeScope();
        const int n = 2, cin = 4, h = 7, w = 8, cout = 8, kh = 3, kw = 2;
        var input = randn([n, cin, h, w], float64);
        var weight = randn([cout, cin / groups, kh, kw], float64);
        var bias = randn([cout], float64);

        var actual = F.conv2d(input, weight, bias, [strideH, strideW], [padH, padW], [dilH, dilW], groups);
        var (expected, outH, outW) = Reference.Conv2d(
            input.ToArray<double>(), n, cin, h, w, weight.ToArray<double>(), cout, kh, kw, bias.ToArray<double>(),
            (strideH, strideW), (padH, padW), (dilH, dilW), groups);

        actual.shape.Should().Equal(n, cout, outH, outW);
        actual.ShouldBeCloseWithin(1e-10, expected);
    }

    [Fact]
    public void Linear_computes_x_times_w_transposed_plus_b_by_hand()
    {
        using var scope = NewDisposeScope();
        var x = from_array(new float[,] { { 1, 2, 3 }, { -1, 0, 1 } });
        var weight = from_array(new float[,] { { 1, 0, 1 }, { 0.5f, -1, 2 } });
        var bias = tensor(new float[] { 1, -1 });

        // Row 1: [1+3, 0.5−2+6] + b; row 2: [−1+1, −0.5+2] + b.
        F.linear(x, weight, bias).ShouldBeClose(5, 3.5, 1, 0.5);
        F.linear(x, weight).ShouldBeClose(4, 4.5, 0, 1.5);

        var batched = F.linear(x.reshape(2, 1, 3), weight, bias);
        batched.shape.Should().Equal(2, 1, 2);
        batched.ShouldBeClose(5, 3.5, 1, 0.5);
    }
}
