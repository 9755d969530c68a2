namespace MtlSharing.Torch.Tests.Tensors;

public sealed class ConversionTests
{
    [Fact]
    public void To_converts_element_types()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -1.7f, 0, 2.9f });
        x.to(float64).dtype.Should().Be(ScalarType.Float64);
        x.@double().ToArray<double>().Should().Equal(-1.7f, 0.0, 2.9f);
        x.@long().ToArray<long>().Should().Equal(-1L, 0L, 2L);
        x.@bool().ToArray<bool>().Should().Equal(true, false, true);
        x.to_type(int32).ToArray<int>().Should().Equal(-1, 0, 2);
        tensor(new long[] { 3 }).@float().ToArray<float>().Should().Equal(3f);
    }

    [Fact]
    public void To_the_same_type_shares_storage_unless_a_copy_is_asked_for()
    {
        using var scope = NewDisposeScope();
        var x = zeros([2]);
        var same = x.to(float32);
        var copy = x.to(float32, copy: true);
        x.fill_(5);
        same.ShouldBeClose(5, 5);
        copy.ShouldBeClose(0, 0);
    }

    [Fact]
    public void Clone_owns_its_storage_and_detach_shares_it()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        var detached = x.detach();
        detached.requires_grad.Should().BeFalse();
        var cloned = x.clone();
        cloned.requires_grad.Should().BeTrue();
        cloned.is_leaf.Should().BeFalse();

        using (no_grad())
        {
            x.mul_(10);
        }

        detached.ShouldBeClose(10, 20);
        cloned.ShouldBeClose(1, 2);
    }

    [Fact]
    public void Metadata_describes_the_tensor()
    {
        using var scope = NewDisposeScope();
        var x = zeros([2, 3, 4], float64);
        x.dim().Should().Be(3);
        x.ndim.Should().Be(3);
        x.numel().Should().Be(24);
        x.size(0).Should().Be(2);
        x.size(-1).Should().Be(4);
        x.ToString().Should().Be("[2x3x4], type = Float64");
        tensor(new float[] { 1.5f, 2 }).ToString(withData: true).Should().Contain("1.5000").And.Contain("2.0000");
    }

    [Fact]
    public void Item_reads_one_element_in_any_supported_type()
    {
        using var scope = NewDisposeScope();
        var x = scalar_tensor(42);
        x.item<float>().Should().Be(42f);
        x.item<double>().Should().Be(42.0);
        x.item<Half>().Should().Be((Half)42);
        x.item<long>().Should().Be(42L);
        x.item<int>().Should().Be(42);
        x.item<short>().Should().Be(42);
        x.item<sbyte>().Should().Be(42);
        x.item<byte>().Should().Be(42);
        x.item<bool>().Should().BeTrue();
        tensor(new long[] { -7 }).item<long>().Should().Be(-7);
        tensor(new[] { false }).item<bool>().Should().BeFalse();
    }

    [Fact]
    public void Copy_to_and_copy_from_move_elements_through_spans()
    {
        using var scope = NewDisposeScope();
        var x = zeros([2, 2]);
        x.CopyFrom<float>([1, 2, 3, 4]);
        x[1, 0].item<float>().Should().Be(3f);

        Span<float> destination = stackalloc float[4];
        x.t().CopyTo(destination);
        destination.ToArray().Should().Equal(1f, 3f, 2f, 4f);
    }

    [Fact]
    public void Large_tensors_print_completely()
    {
        using var scope = NewDisposeScope();
        var text = arange(30000L).ToString(withData: true);
        text.Should().Contain("29999");
    }
}
