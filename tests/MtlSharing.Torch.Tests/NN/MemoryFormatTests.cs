namespace MtlSharing.Torch.Tests.NN;

/// <summary>Channels-last layout: tensors and modules change layout, never values; convolutions agree.</summary>
public sealed class MemoryFormatTests
{
    [Fact]
    public void Channels_last_keeps_shape_and_values_and_stores_channels_innermost()
    {
        using var scope = NewDisposeScope();
        var x = arange(24, dtype: ScalarType.Float32).reshape(1, 2, 3, 4);

        var laidOut = x.contiguous(MemoryFormat.ChannelsLast);

        laidOut.shape.Should().Equal(1, 2, 3, 4);
        laidOut.ToArray<float>().Should().Equal(x.ToArray<float>());
        laidOut.is_contiguous().Should().BeFalse();
        laidOut.permute(0, 2, 3, 1).is_contiguous().Should().BeTrue("NHWC order is the storage order");
        laidOut.contiguous(MemoryFormat.Contiguous).is_contiguous().Should().BeTrue();
    }

    [Fact]
    public void A_module_in_channels_last_keeps_its_parameter_objects_and_gives_the_same_outputs()
    {
        using var scope = NewDisposeScope();
        using var net = nn.Sequential(nn.Conv2d(3, 8, 3, padding: 1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 4, 1));
        var x = randn([2, 3, 6, 6]);
        var expected = net.call(x).detach();
        var weight = net.parameters().First();

        net.to(MemoryFormat.ChannelsLast);
        var output = net.call(x.contiguous(MemoryFormat.ChannelsLast));

        net.parameters().First().Should().BeSameAs(weight);
        weight.permute(0, 2, 3, 1).is_contiguous().Should().BeTrue();
        output.permute(0, 2, 3, 1).is_contiguous().Should().BeTrue("a convolution of channels-last input stays channels last");
        output.ToArray<float>().Should().Equal(expected.ToArray<float>(), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Training_in_channels_last_gives_the_gradients_of_the_usual_layout()
    {
        using var scope = NewDisposeScope();
        var x = randn([4, 3, 5, 5]);
        var target = randint(0, 3, [4]);
        var original = MakeNet();
        var net = original.Clone();
        var plain = Gradients(original, x, target);

        net.to(MemoryFormat.ChannelsLast);
        var laidOut = Gradients(net, x.contiguous(MemoryFormat.ChannelsLast), target);

        laidOut.Should().HaveCount(plain.Count);
        for (var i = 0; i < plain.Count; i++)
        {
            laidOut[i].Should().Equal(plain[i], (a, b) => Math.Abs(a - b) < 1e-4);
        }
    }

    [Fact]
    public void Switching_back_to_contiguous_restores_the_row_major_layout()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(2, 3, 3);
        var before = conv.parameters().First().ToArray<float>();

        conv.to(MemoryFormat.ChannelsLast).to(MemoryFormat.Contiguous);

        conv.parameters().First().is_contiguous().Should().BeTrue();
        conv.parameters().First().ToArray<float>().Should().Equal(before);
    }

    [Fact]
    public void Layouts_that_do_not_fit_are_refused_with_clear_messages()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(2, 3, 3);

        FluentActions.Invoking(() => randn([2, 3, 4]).contiguous(MemoryFormat.ChannelsLast)).Should().Throw<TorchException>();
        FluentActions.Invoking(() => randn([2, 3]).contiguous(MemoryFormat.Preserve)).Should().Throw<ArgumentException>().WithMessage("*Preserve*");
        FluentActions.Invoking(() => conv.to(MemoryFormat.ChannelsLast3d)).Should().Throw<ArgumentException>().WithMessage("*ChannelsLast3d*");
        conv.parameters().First().is_contiguous().Should().BeTrue("a refused call changes nothing");
    }

    private static nn.Module<Tensor, Tensor> MakeNet() =>
        nn.Sequential(nn.Conv2d(3, 6, 3, padding: 1), nn.BatchNorm2d(6), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(6, 3));

    private static List<float[]> Gradients(nn.Module<Tensor, Tensor> net, Tensor x, Tensor target)
    {
        nn.functional.cross_entropy(net.call(x), target).backward();
        return [.. net.parameters().Select(p => p.grad!.ToArray<float>())];
    }
}
