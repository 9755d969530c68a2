using MtlSharing.Training.Serialization;
using TorchSharp;
using static MtlSharing.Training.Tests.Serialization.TensorValues;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Serialization;

public sealed class RoundTripTests
{
    [Fact]
    public void Keys_order_dtypes_shapes_and_values_survive_a_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor>
        {
            ["z.weight"] = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }),
            ["a.num_batches_tracked"] = tensor(7L),
            ["m.mask"] = tensor(new[] { true, false, true }),
            ["b.double"] = tensor(new[] { 0.1, -2.5 }),
            ["c.int32"] = tensor(new[] { int.MinValue, 5 }),
            ["d.bytes"] = tensor(new byte[] { 0, 255 }),
            ["e.half"] = tensor(new[] { 1.5f, -3f, 65504f }).to(float16),
            ["f.bfloat16"] = tensor(new[] { 1.5f, -3f, 3.0e38f }).to(bfloat16),
            ["g.int16"] = tensor(new short[] { short.MinValue, 9 }),
            ["h.int8"] = tensor(new sbyte[] { -128, 127 }),
        };

        TorchFiles.Save(state, directory.File("ckpt.pt"));
        var loaded = TorchFiles.Load(directory.File("ckpt.pt"));

        loaded.Keys.Should().Equal(state.Keys);
        foreach (var (key, original) in state)
        {
            loaded[key].dtype.Should().Be(original.dtype, key);
            loaded[key].shape.Should().Equal(original.shape, key);
            loaded[key].device_type.Should().Be(DeviceType.CPU);
        }

        Doubles(loaded["z.weight"]).Should().Equal(1, 2, 3, 4, 5, 6);
        loaded["a.num_batches_tracked"].shape.Should().BeEmpty();
        loaded["a.num_batches_tracked"].item<long>().Should().Be(7);
        loaded["m.mask"].data<bool>().ToArray().Should().Equal(true, false, true);
        Doubles(loaded["b.double"]).Should().Equal(0.1, -2.5);
        Longs(loaded["c.int32"]).Should().Equal(int.MinValue, 5);
        Longs(loaded["d.bytes"]).Should().Equal(0, 255);
        Doubles(loaded["e.half"]).Should().Equal(1.5, -3, 65504);
        Doubles(loaded["f.bfloat16"]).Should().Equal(Doubles(state["f.bfloat16"]));
        Longs(loaded["g.int16"]).Should().Equal(short.MinValue, 9);
        Longs(loaded["h.int8"]).Should().Equal(-128, 127);
    }

    [Fact]
    public void Transposed_sliced_expanded_and_grad_tensors_save_their_values_detached()
    {
        using var scope = NewDisposeScope();
        var weight = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }, requires_grad: true);
        var state = new Dictionary<string, Tensor>
        {
            ["transposed"] = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }).t(),
            ["slice"] = arange(10L).narrow(0, 3, 4),
            ["column"] = arange(12L).reshape(3, 4).select(1, 2),
            ["expanded"] = tensor(new[] { 1f, 2f }).expand(3, 2),
            ["param"] = weight,
            ["computed"] = weight * 2,
        };

        var loaded = RoundTrip(state);

        loaded["transposed"].shape.Should().Equal(3, 2);
        Doubles(loaded["transposed"]).Should().Equal(1, 4, 2, 5, 3, 6);
        Longs(loaded["slice"]).Should().Equal(3, 4, 5, 6);
        Longs(loaded["column"]).Should().Equal(2, 6, 10);
        Doubles(loaded["expanded"]).Should().Equal(1, 2, 1, 2, 1, 2);
        loaded["param"].requires_grad.Should().BeFalse();
        Doubles(loaded["param"]).Should().Equal(1, 2, 3, 4, 5, 6);
        Doubles(loaded["computed"]).Should().Equal(2, 4, 6, 8, 10, 12);
        state["slice"].storage_offset().Should().Be(3, "saving does not change the caller's tensors");
    }

    [Fact]
    public void A_small_slice_of_a_large_tensor_does_not_store_the_whole_storage()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        var large = zeros([1_000_000]);

        TorchFiles.Save(new Dictionary<string, Tensor> { ["slice"] = large.narrow(0, 10, 2), ["head"] = large.narrow(0, 0, 2) }, stream);

        stream.Length.Should().BeLessThan(4096, "4,000,000 bytes would mean the whole storage was written");
    }

    [Fact]
    public void A_tensor_under_two_keys_loads_under_both()
    {
        using var scope = NewDisposeScope();
        var shared = tensor(new[] { 1f, 2f });

        var loaded = RoundTrip(new Dictionary<string, Tensor> { ["encoder.weight"] = shared, ["decoder.weight"] = shared });

        loaded.Keys.Should().Equal("encoder.weight", "decoder.weight");
        Doubles(loaded["encoder.weight"]).Should().Equal(1, 2);
        Doubles(loaded["decoder.weight"]).Should().Equal(1, 2);
    }

    [Fact]
    public void A_stream_round_trip_leaves_the_stream_open_and_reads_from_its_position()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]);

        TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = tensor(new[] { 1.5f }) }, stream);
        stream.Position = 3;
        var loaded = TorchFiles.Load(stream);

        Doubles(loaded["w"]).Should().Equal(1.5);
        stream.CanRead.Should().BeTrue();
        stream.Position.Should().Be(stream.Length);
    }

    [Fact]
    public void A_non_seekable_stream_loads()
    {
        using var scope = NewDisposeScope();
        using var buffer = new MemoryStream();
        TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = tensor(new[] { 4L, 5L }) }, buffer);
        using var forwardOnly = new ForwardOnlyStream(buffer.ToArray());

        Longs(TorchFiles.Load(forwardOnly)["w"]).Should().Equal(4, 5);
    }

    [Fact]
    public void An_empty_state_round_trips()
    {
        RoundTrip([]).Should().BeEmpty();
    }

    [Fact]
    public void Saving_again_replaces_the_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("ckpt.pt");

        TorchFiles.Save(new Dictionary<string, Tensor> { ["old"] = ones([2]) }, path);
        TorchFiles.Save(new Dictionary<string, Tensor> { ["new"] = zeros([3]) }, path);

        TorchFiles.Load(path).Keys.Should().Equal("new");
        directory.FileNames().Should().Equal("ckpt.pt");
    }

    [Fact]
    public void Loaded_tensors_belong_to_the_callers_dispose_scope()
    {
        using var buffer = new MemoryStream();
        using (var t = ones([2]))
        {
            TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = t }, buffer);
        }

        Dictionary<string, Tensor> loaded;
        using (var scope = NewDisposeScope())
        {
            buffer.Position = 0;
            loaded = TorchFiles.Load(buffer);
            loaded["w"].IsInvalid.Should().BeFalse();
        }

        loaded["w"].IsInvalid.Should().BeTrue("the caller's scope disposed it");
    }

    [Fact]
    public void Loading_outside_a_scope_leaves_only_the_results_alive()
    {
        using var buffer = new MemoryStream();
        using (var scope = NewDisposeScope())
        {
            TorchFiles.Save(new Dictionary<string, Tensor> { ["a"] = ones([2]), ["b"] = zeros([3]) }, buffer);
        }

        var before = LiveTensors();
        buffer.Position = 0;
        var loaded = TorchFiles.Load(buffer);

        LiveTensors().Should().Be(before + 2, "the storages and other intermediate tensors are disposed");
        foreach (var tensor in loaded.Values)
        {
            tensor.Dispose();
        }
    }

    private static long LiveTensors() => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    private static Dictionary<string, Tensor> RoundTrip(Dictionary<string, Tensor> state)
    {
        using var stream = new MemoryStream();
        TorchFiles.Save(state, stream);
        stream.Position = 0;
        return TorchFiles.Load(stream);
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
