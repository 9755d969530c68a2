using static TorchSharp.torch;

namespace MtlSharing.Compare.Tests;

public sealed class MemoryLayoutTests
{
    [Fact]
    public void Channels_last_gives_libtorchs_strides_and_keeps_the_values()
    {
        using var x = arange(2 * 3 * 4 * 5, dtype: ScalarType.Float32).reshape(2, 3, 4, 5);

        using var laidOut = x.InMemoryFormat(memory_format.channels_last);

        // [N, C, H, W] = [2, 3, 4, 5] channels last: C varies fastest (1), then W (C = 3), H (W·C = 15), N (H·W·C = 60).
        laidOut.shape.Should().Equal(2, 3, 4, 5);
        laidOut.stride().Should().Equal(60, 1, 15, 3);
        MemoryLayout.IsChannelsLast(laidOut).Should().BeTrue();
        MemoryLayout.IsChannelsLast(x).Should().BeFalse();
        laidOut.allclose(x, rtol: 0, atol: 0).Should().BeTrue();

        using var back = laidOut.InMemoryFormat(memory_format.contiguous_format);
        back.stride().Should().Equal(60, 20, 5, 1);
    }

    [Fact]
    public void Channels_last_strides_hold_for_dimensions_of_size_one()
    {
        // A 1x1 convolution's weight [4, 8, 1, 1]: libtorch gives [8, 1, 8, 8], and only those strides
        // make its layout check (is_channels_last_strides_2d) see channels last.
        using var weight = ones(4, 8, 1, 1);

        using var laidOut = weight.InMemoryFormat(memory_format.channels_last);

        laidOut.stride().Should().Equal(8, 1, 8, 8);
    }

    [Fact]
    public void Channels_last_refuses_a_tensor_that_is_not_4_d()
    {
        using var x = zeros(2, 3);

        var act = () => x.InMemoryFormat(memory_format.channels_last);

        act.Should().Throw<ArgumentException>().WithMessage("channels last needs a 4-D tensor [N, C, H, W]; got [2, 3]*");
    }

    [Fact]
    public void A_module_keeps_its_parameter_objects_and_computes_the_same()
    {
        manual_seed(0);
        using var model = nn.Sequential(nn.Conv2d(3, 8, 3, padding: 1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 4, 1));
        model.eval();
        using var input = randn(2, 3, 6, 6);
        using var expected = model.call(input);
        var before = model.parameters().ToList();

        model.InMemoryFormat(memory_format.channels_last);

        var after = model.parameters().ToList();
        after.Should().HaveCount(before.Count);
        after.Zip(before).Should().OnlyContain(pair => ReferenceEquals(pair.First, pair.Second));
        after.Where(p => p.dim() == 4).Should().HaveCount(2).And.OnlyContain(p => MemoryLayout.IsChannelsLast(p));
        using var channelsLastInput = input.InMemoryFormat(memory_format.channels_last);
        using var output = model.call(channelsLastInput);
        MemoryLayout.IsChannelsLast(output).Should().BeTrue("libtorch's convolutions keep a channels-last input channels last");
        output.allclose(expected, rtol: 1e-4, atol: 1e-5).Should().BeTrue();
    }
}
