namespace MtlSharing.Torch.Tests.Serialization;

public sealed class RoundTripTests
{
    [Fact]
    public void Keys_order_dtypes_shapes_and_values_survive_a_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, torch.Tensor>
        {
            ["z.weight"] = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }),
            ["a.num_batches_tracked"] = tensor(new long[] { 7 }).reshape(),
            ["m.mask"] = tensor(new[] { true, false, true }),
            ["b.double"] = tensor(new[] { 0.1, -2.5 }),
            ["c.int32"] = tensor(new[] { int.MinValue, 5 }),
            ["d.bytes"] = tensor(new byte[] { 0, 255 }),
            ["e.half"] = tensor(new[] { (Half)1.5, (Half)(-3) }),
        };

        save(state, directory.File("ckpt.pt"));
        var loaded = load(directory.File("ckpt.pt"));

        loaded.Keys.Should().Equal("z.weight", "a.num_batches_tracked", "m.mask", "b.double", "c.int32", "d.bytes", "e.half");
        loaded["z.weight"].shape.Should().Equal(2, 3);
        loaded["z.weight"].ToArray<float>().Should().Equal(1, 2, 3, 4, 5, 6);
        loaded["a.num_batches_tracked"].shape.Should().BeEmpty();
        loaded["a.num_batches_tracked"].dtype.Should().Be(torch.ScalarType.Int64);
        loaded["a.num_batches_tracked"].item<long>().Should().Be(7);
        loaded["m.mask"].ToArray<bool>().Should().Equal(true, false, true);
        loaded["b.double"].ToArray<double>().Should().Equal(0.1, -2.5);
        loaded["c.int32"].ToArray<int>().Should().Equal(int.MinValue, 5);
        loaded["d.bytes"].ToArray<byte>().Should().Equal(0, 255);
        loaded["e.half"].ToArray<Half>().Should().Equal((Half)1.5, (Half)(-3));
    }

    [Fact]
    public void Transposed_sliced_and_grad_tensors_save_their_values_detached()
    {
        using var scope = NewDisposeScope();
        var weight = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }, requires_grad: true);
        var state = new Dictionary<string, torch.Tensor>
        {
            ["transposed"] = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }).t(),
            ["slice"] = arange(10L).narrow(0, 3, 4),
            ["param"] = weight,
            ["computed"] = weight * 2,
        };

        var loaded = RoundTrip(state);

        loaded["transposed"].shape.Should().Equal(3, 2);
        loaded["transposed"].ToArray<float>().Should().Equal(1, 4, 2, 5, 3, 6);
        loaded["slice"].ToArray<long>().Should().Equal(3, 4, 5, 6);
        loaded["param"].requires_grad.Should().BeFalse();
        loaded["param"].ToArray<float>().Should().Equal(1, 2, 3, 4, 5, 6);
        loaded["computed"].ToArray<float>().Should().Equal(2, 4, 6, 8, 10, 12);
    }

    [Fact]
    public void A_small_slice_of_a_large_tensor_does_not_store_the_whole_storage()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        var large = zeros([1_000_000]);

        save(new Dictionary<string, torch.Tensor> { ["slice"] = large.narrow(0, 10, 2) }, stream);

        stream.Length.Should().BeLessThan(4096, "4,000,000 bytes would mean the whole storage was written");
    }

    [Fact]
    public void A_stream_round_trip_leaves_the_stream_open_and_reads_from_its_position()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]);

        save(new Dictionary<string, torch.Tensor> { ["w"] = tensor(new[] { 1.5f }) }, stream);
        stream.Position = 3;
        var loaded = load(stream);

        loaded["w"].ToArray<float>().Should().Equal(1.5f);
        stream.CanRead.Should().BeTrue();
    }

    [Fact]
    public void A_non_seekable_stream_loads()
    {
        using var scope = NewDisposeScope();
        using var buffer = new MemoryStream();
        save(new Dictionary<string, torch.Tensor> { ["w"] = tensor(new[] { 4L, 5L }) }, buffer);
        using var forwardOnly = new ForwardOnlyStream(buffer.ToArray());

        load(forwardOnly)["w"].ToArray<long>().Should().Equal(4, 5);
    }

    [Fact]
    public void An_empty_state_round_trips()
    {
        RoundTrip(new Dictionary<string, torch.Tensor>()).Should().BeEmpty();
    }

    [Fact]
    public void Saving_again_replaces_the_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("ckpt.pt");

        save(new Dictionary<string, torch.Tensor> { ["old"] = ones([2]) }, path);
        save(new Dictionary<string, torch.Tensor> { ["new"] = zeros([3]) }, path);

        load(path).Keys.Should().Equal("new");
        directory.FileNames().Should().Equal("ckpt.pt");
    }

    [Fact]
    public void Loaded_tensors_belong_to_the_callers_dispose_scope()
    {
        using var buffer = new MemoryStream();
        using (var t = ones([2]))
        {
            save(new Dictionary<string, torch.Tensor> { ["w"] = t }, buffer);
        }

        Dictionary<string, torch.Tensor> loaded;
        using (var scope = NewDisposeScope())
        {
            buffer.Position = 0;
            loaded = load(buffer);
            loaded["w"].IsDisposed.Should().BeFalse();
        }

        loaded["w"].IsDisposed.Should().BeTrue();
    }

    private static Dictionary<string, torch.Tensor> RoundTrip(Dictionary<string, torch.Tensor> state)
    {
        using var stream = new MemoryStream();
        save(state, stream);
        stream.Position = 0;
        return load(stream);
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
