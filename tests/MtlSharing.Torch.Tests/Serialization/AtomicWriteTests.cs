using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MtlSharing.Torch.Serialization;

namespace MtlSharing.Torch.Tests.Serialization;

public sealed class AtomicWriteTests
{
    [Fact]
    public void Saving_over_a_directory_fails_and_leaves_it_untouched()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("ckpt.pt");
        Directory.CreateDirectory(path);

        var act = () => save(new Dictionary<string, torch.Tensor> { ["w"] = ones([2]) }, path);

        act.Should().Throw<IOException>().WithMessage($"*'{path}'*directory*");
        Directory.Exists(path).Should().BeTrue();
        directory.FileNames().Should().Equal("ckpt.pt");
    }

    [Fact]
    public void A_tensor_disposed_during_enumeration_fails_the_save_and_keeps_the_previous_file()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.File("ckpt.pt");
        save(new Dictionary<string, torch.Tensor> { ["w"] = tensor(new[] { 1f, 2f, 3f }) }, path);
        var state = new DisposingDictionary(ones([2]), zeros([3]));

        var act = () => save(state, path);

        act.Should().Throw<ObjectDisposedException>();
        load(path)["w"].ToArray<float>().Should().Equal(1f, 2f, 3f);
        directory.FileNames().Should().Equal("ckpt.pt");
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
    public void A_missing_directory_is_reported_and_nothing_is_created()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory.Path, "missing", "ckpt.pt");

        var act = () => save(new Dictionary<string, torch.Tensor> { ["w"] = ones([2]) }, path);

        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*missing*does not exist*");
        directory.FileNames().Should().BeEmpty();
    }

    /// <summary>Disposes its first tensor while the enumerator moves to the second one.</summary>
    private sealed class DisposingDictionary(torch.Tensor first, torch.Tensor second) : IReadOnlyDictionary<string, torch.Tensor>
    {
        public int Count => 2;

        public IEnumerable<string> Keys => ["a", "b"];

        public IEnumerable<torch.Tensor> Values => [first, second];

        public torch.Tensor this[string key] => key == "a" ? first : second;

        public bool ContainsKey(string key) => key is "a" or "b";

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out torch.Tensor value)
        {
            value = ContainsKey(key) ? this[key] : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, torch.Tensor>> GetEnumerator()
        {
            yield return new("a", first);
            first.Dispose();
            yield return new("b", second);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
