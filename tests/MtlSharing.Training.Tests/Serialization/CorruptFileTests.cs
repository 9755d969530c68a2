using System.Text;
using MtlSharing.Training.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Serialization;

public sealed class CorruptFileTests
{
    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        using var directory = new TempDirectory();
        var path = directory.File("absent.pt");

        FluentActions.Invoking(() => TorchFiles.Load(path)).Should().Throw<FileNotFoundException>()
            .WithMessage($"cannot load '{path}': no file exists there").Which.FileName.Should().Be(path);
        FluentActions.Invoking(() => TorchFiles.LoadTensor(path)).Should().Throw<FileNotFoundException>()
            .Which.FileName.Should().Be(path);
    }

    [Fact]
    public void A_directory_is_not_a_file()
    {
        using var directory = new TempDirectory();

        FluentActions.Invoking(() => TorchFiles.Load(directory.Path)).Should().Throw<FileNotFoundException>()
            .WithMessage($"cannot load '{directory.Path}': it is a directory, not a file");
    }

    [Fact]
    public void An_empty_file_is_reported_with_its_path()
    {
        LoadFile([]).Should().Throw<InvalidDataException>().WithMessage("cannot load '*bad.pt': it is empty");
    }

    [Fact]
    public void Random_bytes_are_not_a_PyTorch_file()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[0] = (byte)'x';

        LoadFile(bytes).Should().Throw<InvalidDataException>().WithMessage("cannot load '*bad.pt': it is not a zip archive, so it was not written by torch.save");
    }

    [Fact]
    public void A_text_file_is_not_a_PyTorch_file()
    {
        LoadFile(Encoding.UTF8.GetBytes("weights: [1, 2, 3]\n")).Should().Throw<InvalidDataException>()
            .WithMessage("cannot load '*bad.pt': it is not a zip archive*");
    }

    [Fact]
    public void Random_bytes_after_a_zip_signature_are_not_a_PyTorch_file()
    {
        var bytes = new byte[4096];
        new Random(2).NextBytes(bytes);
        bytes[0] = (byte)'P';
        bytes[1] = (byte)'K';

        LoadFile(bytes).Should().Throw<InvalidDataException>().WithMessage("cannot load '*bad.pt': it is not a valid zip archive*");
    }

    [Fact]
    public void A_legacy_pickle_file_is_named_as_such()
    {
        LoadFile([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc]).Should().Throw<InvalidDataException>().WithMessage("*bad.pt': it is a pickle in torch.save's legacy format*");
    }

    [Fact]
    public void A_zip_without_data_pkl_is_not_a_PyTorch_file()
    {
        LoadFile(PickleBuilder.Zip(("archive/notes.txt", [1, 2]))).Should().Throw<InvalidDataException>()
            .WithMessage("cannot load '*bad.pt': the zip archive holds no <name>/data.pkl record*");
    }

    [Fact]
    public void Every_truncation_of_a_file_is_reported()
    {
        foreach (var valid in new[] { ValidStateDict(), ValidTensorFile() })
        {
            for (var length = 0; length < valid.Length; length++)
            {
                using var stream = new MemoryStream(valid[..length]);
                FluentActions.Invoking(() => TorchFiles.Load(stream)).Should().Throw<InvalidDataException>($"the file is cut to {length} of {valid.Length} bytes")
                    .WithMessage("cannot load the stream: *");
            }
        }
    }

    [Fact]
    public void Any_corrupted_byte_either_loads_or_raises_InvalidDataException()
    {
        foreach (var valid in new[] { ValidStateDict(), ValidTensorFile() })
        {
            for (var i = 0; i < valid.Length; i++)
            {
                var corrupt = valid.ToArray();
                corrupt[i] ^= 0xA5;
                using var scope = NewDisposeScope();
                using var stream = new MemoryStream(corrupt);
                try
                {
                    TorchFiles.Load(stream);
                }
                catch (InvalidDataException e)
                {
                    e.Message.Should().StartWith("cannot load the stream: ", $"byte {i} was changed");
                    e.Message.Should().NotContain("\n");
                }
            }
        }
    }

    [Fact]
    public void A_failed_load_leaves_no_tensor_behind()
    {
        // {'a': tensor, 'b': tensor, 'c': 3}: two tensors are made before the int is found.
        var file = new PickleBuilder().Proto(2).Op('}').Mark()
            .Str("a").Tensor("FloatStorage", "0", numel: 2, offset: 0, size: [2], stride: [1])
            .Str("b").Tensor("FloatStorage", "1", numel: 2, offset: 0, size: [2], stride: [1])
            .Str("c").Int(3)
            .Op('u').Op('.').Checkpoint(("0", new byte[8]), ("1", new byte[8]));
        var before = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

        LoadFile(file).Should().Throw<InvalidDataException>().WithMessage("cannot load '*bad.pt': the entry 'c' holds a int, not a tensor*");

        DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount.Should().Be(before);
    }

    [Fact]
    public void A_dict_of_other_things_than_tensors_is_refused_by_key()
    {
        var nested = new PickleBuilder().Proto(2).Op('}').Str("optimizer").Op('}').Str("lr").Float(0.1).Op('s').Op('s').Op('.').Checkpoint();
        var intKeys = new PickleBuilder().Proto(2).Op('}').Int(0).Op('N').Op('s').Op('.').Checkpoint();

        LoadFile(nested).Should().Throw<InvalidDataException>().WithMessage("*: the entry 'optimizer' holds a dict, not a tensor; only flat state dicts (str to tensor) can be read");
        LoadFile(intKeys).Should().Throw<InvalidDataException>().WithMessage("*: it holds a dict whose key 0 is a int, not a string*");
    }

    [Fact]
    public void A_pickle_of_something_else_is_refused()
    {
        var list = new PickleBuilder().Proto(2).Op(']').Op('.').Checkpoint();
        var text = new PickleBuilder().Proto(2).Str("hello").Op('.').Checkpoint();

        LoadFile(list).Should().Throw<InvalidDataException>().WithMessage("*bad.pt': it holds a list, not a dict of tensors");
        LoadTensorFile(text).Should().Throw<InvalidDataException>().WithMessage("*bad.pt': it holds a str, not a tensor");
    }

    [Fact]
    public void An_unknown_opcode_is_reported()
    {
        var file = new PickleBuilder().Proto(2).Op(0xff).Checkpoint();

        LoadFile(file).Should().Throw<InvalidDataException>().WithMessage("*unsupported pickle opcode 0xff at byte 2*");
    }

    [Fact]
    public void A_pickle_that_calls_other_Python_code_is_refused()
    {
        var file = new PickleBuilder().Proto(2).Global("os", "system").Mark().Str("echo hi").Op('t').Op('R').Op('.').Checkpoint();

        LoadFile(file).Should().Throw<InvalidDataException>().WithMessage("*calls the Python object os.system*");
    }

    [Fact]
    public void A_storage_record_of_the_wrong_size_is_refused()
    {
        var file = new PickleBuilder().Proto(2).Op('}').Str("t")
            .Tensor("DoubleStorage", "0", numel: 6, offset: 0, size: [6], stride: [1])
            .Op('s').Op('.').Checkpoint(("0", new byte[24]));

        LoadFile(file).Should().Throw<InvalidDataException>().WithMessage("cannot load '*bad.pt': the record data/0 holds 24 bytes but its storage needs 6 x Float64 (48 bytes)");
    }

    [Fact]
    public void A_missing_storage_record_is_refused()
    {
        var file = new PickleBuilder().Proto(2).Tensor("FloatStorage", "7", numel: 1, offset: 0, size: [], stride: []).Op('.').Checkpoint();

        LoadTensorFile(file).Should().Throw<InvalidDataException>().WithMessage("*: the storage '7' has no data/7 record");
    }

    [Fact]
    public void An_unsupported_storage_type_is_named()
    {
        var file = new PickleBuilder().Proto(2).Tensor("QInt8Storage", "0", numel: 1, offset: 0, size: [], stride: []).Op('.').Checkpoint(("0", [1]));

        LoadTensorFile(file).Should().Throw<InvalidDataException>().WithMessage("*: a storage has the type torch.QInt8Storage, which is not supported; supported are torch.FloatStorage*");
    }

    private static byte[] ValidStateDict()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        TorchFiles.Save(new Dictionary<string, Tensor> { ["w"] = tensor(new[] { 1f, 2f }), ["n"] = tensor(3L) }, stream);
        return stream.ToArray();
    }

    private static byte[] ValidTensorFile()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        TorchFiles.SaveTensor(tensor(new[] { 1f, 2f }), stream);
        return stream.ToArray();
    }

    private static Action LoadFile(byte[] content) => () => WithFile(content, path => TorchFiles.Load(path));

    private static Action LoadTensorFile(byte[] content) => () => WithFile(content, path => TorchFiles.LoadTensor(path));

    private static void WithFile(byte[] content, Action<string> load)
    {
        using var directory = new TempDirectory();
        var path = directory.File("bad.pt");
        File.WriteAllBytes(path, content);
        load(path);
    }
}
