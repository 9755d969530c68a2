using MtlSharing.Training.Serialization;
using TorchSharp;
using static MtlSharing.Training.Tests.Serialization.TensorValues;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Serialization;

/// <summary>The reader on hand-written pickles whose meaning is known exactly.</summary>
public sealed class PickleReaderTests
{
    private static readonly byte[] ZeroToFive = [.. Enumerable.Range(0, 6).SelectMany(i => BitConverter.GetBytes((float)i))];

    [Fact]
    public void Offset_and_strides_select_the_elements_of_the_storage()
    {
        // {'t': storage [0 1 2 3 4 5] seen from offset 1 with size (2, 2) and stride (1, 2)}
        var file = new PickleBuilder().Proto(2).Op('}').Str("t")
            .Tensor("FloatStorage", "0", numel: 6, offset: 1, size: [2, 2], stride: [1, 2])
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();

        var t = Load(file)["t"];

        t.shape.Should().Equal(2, 2);
        Doubles(t).Should().Equal(1, 3, 2, 4);
    }

    [Fact]
    public void A_bare_tensor_is_read_with_its_offset_and_strides()
    {
        var file = new PickleBuilder().Proto(2)
            .Tensor("FloatStorage", "0", numel: 6, offset: 2, size: [2, 2], stride: [1, 2])
            .Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream(file);

        var t = TorchFiles.LoadTensor(stream);

        Doubles(t).Should().Equal(2, 4, 3, 5);
    }

    [Fact]
    public void Tensors_on_one_storage_share_it_after_loading()
    {
        var file = new PickleBuilder().Proto(2).Op('}').Mark()
            .Str("a").Tensor("FloatStorage", "0", numel: 6, offset: 0, size: [6], stride: [1])
            .Str("b").Tensor("FloatStorage", "0", numel: 6, offset: 4, size: [2], stride: [1])
            .Op('u').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();
        var state = Load(file);

        state["b"].fill_(9);

        Doubles(state["a"]).Should().Equal(0, 1, 2, 3, 9, 9);
    }

    [Fact]
    public void Protocol_4_framing_memoize_and_stack_global_are_understood()
    {
        // protocol 4: FRAME, then OrderedDict via STACK_GLOBAL, memoized and reused for the outer dict.
        var file = new PickleBuilder().Proto(4).Op(0x95).Raw(new byte[8])
            .Op(0x8c).Raw(11).Raw("collections"u8.ToArray()).Op(0x8c).Raw(11).Raw("OrderedDict"u8.ToArray())
            .Op(0x93).Op(0x94).Op(')').Op('R')
            .Op(0x8c).Raw(1).Raw((byte)'x')
            .Tensor("FloatStorage", "0", numel: 6, offset: 5, size: [], stride: [])
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();

        var state = Load(file);

        state.Keys.Should().Equal("x");
        state["x"].item<float>().Should().Be(5);
    }

    [Fact]
    public void An_OrderedDict_built_from_pairs_keeps_their_order()
    {
        // collections.OrderedDict([('b', t), ('a', t)])
        var file = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").Mark().Op(']').Mark()
            .Mark().Str("b").Tensor("FloatStorage", "0", numel: 6, offset: 0, size: [1], stride: [1]).Op('t')
            .Mark().Str("a").Tensor("FloatStorage", "0", numel: 6, offset: 3, size: [1], stride: [1]).Op('t')
            .Op('e').Op('t').Op('R').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();

        var state = Load(file);

        state.Keys.Should().Equal("b", "a");
        state["a"].item<float>().Should().Be(3);
    }

    [Fact]
    public void A_pickled_parameter_keeps_requires_grad()
    {
        var file = new PickleBuilder().Proto(2).Op('}').Str("p")
            .Global("torch._utils", "_rebuild_parameter").Mark()
            .Tensor("FloatStorage", "0", numel: 6, offset: 0, size: [6], stride: [1])
            .Op(0x88).Global("collections", "OrderedDict").Op(')').Op('R').Op('t').Op('R')
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();

        var p = Load(file)["p"];

        p.requires_grad.Should().BeTrue();
        Doubles(p).Should().Equal(0, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void A_tensor_reaching_past_its_storage_is_refused()
    {
        var file = new PickleBuilder().Proto(2).Op('}').Str("t")
            .Tensor("FloatStorage", "0", numel: 6, offset: 5, size: [2], stride: [1])
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));

        FluentActions.Invoking(() => Load(file)).Should().Throw<InvalidDataException>()
            .WithMessage("cannot load the stream: a tensor of shape [2] at offset 5 reaches element 6 of a storage holding 6");
    }

    [Fact]
    public void A_storage_referenced_with_two_sizes_is_refused()
    {
        var file = new PickleBuilder().Proto(2).Op('}').Mark()
            .Str("a").Tensor("FloatStorage", "0", numel: 6, offset: 0, size: [6], stride: [1])
            .Str("b").Tensor("FloatStorage", "0", numel: 7, offset: 0, size: [7], stride: [1])
            .Op('u').Op('.').Checkpoint(("0", ZeroToFive));

        FluentActions.Invoking(() => Load(file)).Should().Throw<InvalidDataException>()
            .WithMessage("*the storage '0' is referenced with 6 and with 7 elements");
    }

    private static Dictionary<string, Tensor> Load(byte[] file)
    {
        using var stream = new MemoryStream(file);
        return TorchFiles.Load(stream);
    }
}
