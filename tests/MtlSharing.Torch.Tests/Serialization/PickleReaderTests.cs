namespace MtlSharing.Torch.Tests.Serialization;

/// <summary>The reader on hand-written pickles whose meaning is known exactly.</summary>
public sealed class PickleReaderTests
{
    private static readonly byte[] ZeroToFive = [.. Enumerable.Range(0, 6).SelectMany(i => BitConverter.GetBytes((float)i))];

    [Fact]
    public void Offset_and_strides_select_the_elements_of_the_storage()
    {
        // {'t': storage [0 1 2 3 4 5] seen from offset 1 with size (2, 2) and stride (1, 2)}
        var checkpoint = new PickleBuilder().Proto(2).Op('}').Str("t")
            .Tensor("FloatStorage", "0", numel: 6, offset: 1, size: [2, 2], stride: [1, 2])
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();

        var t = Load(checkpoint)["t"];

        t.shape.Should().Equal(2, 2);
        t.ToArray<float>().Should().Equal(1, 3, 2, 4);
    }

    [Fact]
    public void Tensors_on_one_storage_share_it_after_loading()
    {
        var checkpoint = new PickleBuilder().Proto(2).Op('}').Mark()
            .Str("a").Tensor("FloatStorage", "0", numel: 6, offset: 0, size: [6], stride: [1])
            .Str("b").Tensor("FloatStorage", "0", numel: 6, offset: 4, size: [2], stride: [1])
            .Op('u').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();
        var state = Load(checkpoint);

        state["b"].fill_(9);

        state["a"].ToArray<float>().Should().Equal(0, 1, 2, 3, 9, 9);
    }

    [Fact]
    public void Numbers_nested_dicts_and_lists_flatten_to_dotted_keys()
    {
        // {'step': 3, 'lr': 0.01, 'nesterov': False, 'skip': None, 'big': -2**40,
        //  'state': {0: {'m': 1.5}}, 'params': [0, 1, 2], 'groups': [{'lr': 0.5}]}
        var checkpoint = new PickleBuilder().Proto(2).Op('}').Mark()
            .Str("step").Int(3)
            .Str("lr").Float(0.01)
            .Str("nesterov").Op(0x89)
            .Str("skip").Op('N')
            .Str("big").Int(-(1L << 40))
            .Str("state").Op('}').Int(0).Op('}').Str("m").Float(1.5).Op('s').Op('s')
            .Str("params").Op(']').Int(0).Op('a').Mark().Int(1).Int(2).Op('e')
            .Str("groups").Op(']').Op('}').Str("lr").Float(0.5).Op('s').Op('a')
            .Op('u').Op('.').Checkpoint();
        using var scope = NewDisposeScope();

        var state = Load(checkpoint);

        state.Keys.Should().Equal("step", "lr", "nesterov", "big", "state.0.m", "params.0", "params.1", "params.2", "groups.0.lr");
        state["step"].shape.Should().BeEmpty();
        state["step"].dtype.Should().Be(torch.ScalarType.Int64);
        state["step"].item<long>().Should().Be(3);
        state["lr"].dtype.Should().Be(torch.ScalarType.Float64);
        state["lr"].item<double>().Should().Be(0.01);
        state["nesterov"].dtype.Should().Be(torch.ScalarType.Bool);
        state["nesterov"].item<bool>().Should().BeFalse();
        state["big"].item<long>().Should().Be(-(1L << 40));
        state["state.0.m"].item<double>().Should().Be(1.5);
        state["params.1"].item<long>().Should().Be(1);
        state["params.2"].item<long>().Should().Be(2);
        state["groups.0.lr"].item<double>().Should().Be(0.5);
    }

    [Fact]
    public void Protocol_4_framing_memoize_and_stack_global_are_understood()
    {
        // protocol 4: FRAME, then OrderedDict via STACK_GLOBAL, memoized and reused for a second dict.
        var checkpoint = new PickleBuilder().Proto(4).Op(0x95).Raw(new byte[8])
            .Op(0x8c).Raw(11).Raw("collections"u8.ToArray()).Op(0x8c).Raw(11).Raw("OrderedDict"u8.ToArray())
            .Op(0x93).Op(0x94).Op(')').Op('R')
            .Op(0x8c).Raw(1).Raw((byte)'x')
            .Get(0).Op(')').Op('R').Op(0x8c).Raw(1).Raw((byte)'y').Int(5).Op('s')
            .Op('s').Op('.').Checkpoint();
        using var scope = NewDisposeScope();

        var state = Load(checkpoint);

        state.Keys.Should().Equal("x.y");
        state["x.y"].item<long>().Should().Be(5);
    }

    [Fact]
    public void A_pickled_parameter_keeps_requires_grad()
    {
        var checkpoint = new PickleBuilder().Proto(2).Op('}').Str("p")
            .Global("torch._utils", "_rebuild_parameter").Mark()
            .Tensor("FloatStorage", "0", numel: 6, offset: 0, size: [6], stride: [1])
            .Op(0x88).Global("collections", "OrderedDict").Op(')').Op('R').Op('t').Op('R')
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));
        using var scope = NewDisposeScope();

        var p = Load(checkpoint)["p"];

        p.requires_grad.Should().BeTrue();
        p.ToArray<float>().Should().Equal(0, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void A_tensor_reaching_past_its_storage_is_refused()
    {
        var checkpoint = new PickleBuilder().Proto(2).Op('}').Str("t")
            .Tensor("FloatStorage", "0", numel: 6, offset: 5, size: [2], stride: [1])
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));

        FluentActions.Invoking(() => Load(checkpoint)).Should().Throw<InvalidDataException>().WithMessage("*reaches element 6 of a storage holding 6*");
    }

    [Fact]
    public void A_storage_record_of_the_wrong_length_is_refused()
    {
        var checkpoint = new PickleBuilder().Proto(2).Op('}').Str("t")
            .Tensor("DoubleStorage", "0", numel: 6, offset: 0, size: [6], stride: [1])
            .Op('s').Op('.').Checkpoint(("0", ZeroToFive));

        FluentActions.Invoking(() => Load(checkpoint)).Should().Throw<InvalidDataException>().WithMessage("*data/0 holds 24 bytes but its storage needs 6 x Float64*");
    }

    private static Dictionary<string, torch.Tensor> Load(byte[] checkpoint)
    {
        using var stream = new MemoryStream(checkpoint);
        return load(stream);
    }
}
