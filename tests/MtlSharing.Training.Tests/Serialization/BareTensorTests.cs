using MtlSharing.Training.Serialization;
using TorchSharp;
using static MtlSharing.Training.Tests.Serialization.TensorValues;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Serialization;

/// <summary>Files holding one tensor, as Python's torch.save(tensor, path) writes them.</summary>
public sealed class BareTensorTests
{
    public static TheoryData<string> Kinds => ["float32", "float64", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_element_type_round_trips_through_a_file(string kind)
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var original = Make(kind);
        var path = directory.File(kind + ".pt");

        TorchFiles.SaveTensor(original, path);
        var loaded = TorchFiles.LoadTensor(path);

        loaded.dtype.Should().Be(original.dtype);
        loaded.shape.Should().Equal(2, 3);
        Doubles(loaded).Should().Equal(Doubles(original));
        directory.FileNames().Should().Equal(kind + ".pt");
    }

    [Fact]
    public void Views_scalars_and_empty_tensors_round_trip()
    {
        using var scope = NewDisposeScope();

        Longs(RoundTrip(arange(10L).narrow(0, 3, 4))).Should().Equal(3, 4, 5, 6);
        Doubles(RoundTrip(tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }).t())).Should().Equal(1, 4, 2, 5, 3, 6);
        Doubles(RoundTrip(tensor(new[] { 1f, 2f }).expand(2, 2))).Should().Equal(1, 2, 1, 2);

        var scalar = RoundTrip(tensor(2.5));
        scalar.shape.Should().BeEmpty();
        scalar.item<double>().Should().Be(2.5);

        var empty = RoundTrip(zeros([0, 3], dtype: int64));
        empty.shape.Should().Equal(0, 3);
        empty.dtype.Should().Be(ScalarType.Int64);
    }

    [Fact]
    public void A_tensor_that_requires_grad_is_saved_detached()
    {
        using var scope = NewDisposeScope();
        var weight = tensor(new[] { 1f, 2f }, requires_grad: true);

        var loaded = RoundTrip(weight * 3);

        loaded.requires_grad.Should().BeFalse();
        Doubles(loaded).Should().Equal(3, 6);
    }

    [Fact]
    public void A_state_dict_file_is_not_a_bare_tensor_and_the_other_way_round()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var dictPath = directory.File("state.pt");
        var tensorPath = directory.File("tensor.pt");
        TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = ones([2]) }, dictPath);
        TorchFiles.SaveTensor(ones([2]), tensorPath);

        FluentActions.Invoking(() => TorchFiles.LoadTensor(dictPath)).Should().Throw<InvalidDataException>()
            .WithMessage($"cannot load '{dictPath}': it holds a dict, not a bare tensor; read it with TorchFiles.Load");
        FluentActions.Invoking(() => TorchFiles.Load(tensorPath)).Should().Throw<InvalidDataException>()
            .WithMessage($"cannot load '{tensorPath}': it holds a bare tensor, not a dict of tensors; read it with TorchFiles.LoadTensor");
    }

    [Fact]
    public void A_loaded_tensor_belongs_to_the_callers_dispose_scope()
    {
        using var buffer = new MemoryStream();
        using (var t = ones([2]))
        {
            TorchFiles.SaveTensor(t, buffer);
        }

        Tensor loaded;
        using (var scope = NewDisposeScope())
        {
            buffer.Position = 0;
            loaded = TorchFiles.LoadTensor(buffer);
            loaded.IsInvalid.Should().BeFalse();
        }

        loaded.IsInvalid.Should().BeTrue();
    }

    [Fact]
    public void A_bare_tensor_can_be_saved_at_a_later_position_of_a_stream()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        stream.Write([9, 9]);

        TorchFiles.SaveTensor(tensor(new[] { 7L, 8L }), stream);
        stream.Position = 2;

        Longs(TorchFiles.LoadTensor(stream)).Should().Equal(7, 8);
    }

    private static Tensor Make(string kind)
    {
        var values = tensor(new[] { 0f, 1.5f, -2f, 3f, 0.25f, 1f }, new long[] { 2, 3 });
        return kind switch
        {
            "float32" => values,
            "float64" => values.to(float64),
            "float16" => values.to(float16),
            "bfloat16" => values.to(bfloat16),
            "int64" => (values * 4).to(int64),
            "int32" => (values * 4).to(int32),
            "int16" => (values * 4).to(int16),
            "int8" => (values * 4).to(int8),
            "uint8" => (values.abs() * 4).to(uint8),
            "bool" => values.gt(0.5),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind this test knows"),
        };
    }

    private static Tensor RoundTrip(Tensor original)
    {
        using var stream = new MemoryStream();
        TorchFiles.SaveTensor(original, stream);
        stream.Position = 0;
        return TorchFiles.LoadTensor(stream);
    }
}
