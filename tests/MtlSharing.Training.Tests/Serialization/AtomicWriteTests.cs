using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MtlSharing.Training.Serialization;
using TorchSharp;
using static MtlSharing.Training.Tests.Serialization.TensorValues;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Serialization;

public sealed class AtomicWriteTests
{
    [Fact]
    public void Saving_over_a_directory_fails_and_leaves_it_untouched()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("ckpt.pt");
        Directory.CreateDirectory(path);

        FluentActions.Invoking(() => TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = ones([2]) }, path))
            .Should().Throw<IOException>().WithMessage($"*'{path}'*directory*");
        FluentActions.Invoking(() => TorchFiles.SaveTensor(ones([2]), path))
            .Should().Throw<IOException>().WithMessage($"*'{path}'*directory*");

        Directory.Exists(path).Should().BeTrue();
        directory.FileNames().Should().Equal("ckpt.pt");
    }

    [Fact]
    public void A_state_that_fails_while_it_is_read_keeps_the_previous_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("ckpt.pt");
        TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = tensor(new[] { 1f, 2f, 3f }) }, path);
        var state = new DisposingDictionary(ones([2]), zeros([3]));

        FluentActions.Invoking(() => TorchFiles.Save(state, path))
            .Should().Throw<ObjectDisposedException>().WithMessage("*'b'*disposed*");

        Doubles(TorchFiles.Load(path)["w"]).Should().Equal(1, 2, 3);
        directory.FileNames().Should().Equal("ckpt.pt");
    }

    [Fact]
    public void A_tensor_that_cannot_be_saved_keeps_the_previous_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("x.pt");
        TorchFiles.SaveTensor(tensor(new[] { 4L }), path);
        var disposed = ones([2]);
        disposed.Dispose();

        FluentActions.Invoking(() => TorchFiles.SaveTensor(disposed, path)).Should().Throw<ObjectDisposedException>();

        Longs(TorchFiles.LoadTensor(path)).Should().Equal(4);
        directory.FileNames().Should().Equal("x.pt");
    }

    [Fact]
    public void A_failure_while_writing_keeps_the_previous_file_and_removes_the_temporary_one()
    {
        using var directory = new TempDirectory();
        var path = directory.File("ckpt.pt");
        File.WriteAllBytes(path, [1, 2, 3]);

        var act = () => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[10_000]);
            throw new IOException("disk full");
        });

        act.Should().Throw<IOException>().WithMessage("disk full");
        File.ReadAllBytes(path).Should().Equal(1, 2, 3);
        directory.FileNames().Should().Equal("ckpt.pt");
    }

    [Fact]
    public void A_failure_half_way_through_a_real_save_keeps_the_previous_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("ckpt.pt");
        TorchFiles.Save(new Dictionary<string, Tensor> { ["old"] = ones([2]) }, path);
        var written = 0L;

        // The writer is the real one; the stream it writes to fails after 100 bytes.
        var act = () => AtomicFile.Write(path, stream =>
            StateDictWriter.Write(new Dictionary<string, Tensor> { ["new"] = zeros([1000]) }, new FailingStream(stream, 100, n => written = n)));

        act.Should().Throw<IOException>().WithMessage("*fails after 100 bytes*");
        written.Should().Be(100);
        TorchFiles.Load(path).Keys.Should().Equal("old");
        directory.FileNames().Should().Equal("ckpt.pt");
    }

    [Fact]
    public void A_missing_directory_is_reported_and_nothing_is_created()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory.Path, "missing", "ckpt.pt");

        FluentActions.Invoking(() => TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = ones([2]) }, path))
            .Should().Throw<DirectoryNotFoundException>().WithMessage("*missing*does not exist*");
        directory.FileNames().Should().BeEmpty();
    }

    /// <summary>Disposes its second tensor when the enumerator moves to it.</summary>
    private sealed class DisposingDictionary(Tensor first, Tensor second) : IReadOnlyDictionary<string, Tensor>
    {
        public int Count => 2;

        public IEnumerable<string> Keys => ["a", "b"];

        public IEnumerable<Tensor> Values => [first, second];

        public Tensor this[string key] => key == "a" ? first : second;

        public bool ContainsKey(string key) => key is "a" or "b";

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value)
        {
            value = ContainsKey(key) ? this[key] : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
        {
            yield return new("a", first);
            second.Dispose();
            yield return new("b", second);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Passes writes through until a byte budget is spent, then fails like a full disk.</summary>
    private sealed class FailingStream(Stream inner, long budget, Action<long> report) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var allowed = (int)Math.Min(buffer.Length, budget - written);
            inner.Write(buffer[..allowed]);
            written += allowed;
            report(written);
            if (allowed < buffer.Length)
            {
                throw new IOException($"the stream fails after {budget} bytes");
            }
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
