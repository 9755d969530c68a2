namespace MtlSharing.Torch.Tests.Serialization;

public sealed class CorruptFileTests
{
    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        using var directory = new TempDirectory();
        var path = directory.File("absent.pt");

        var act = () => load(path);

        act.Should().Throw<FileNotFoundException>().WithMessage($"*'{path}'*").Which.FileName.Should().Be(path);
    }

    [Fact]
    public void An_empty_file_is_reported_with_its_path()
    {
        LoadFile([]).Should().Throw<InvalidDataException>().WithMessage("cannot load the checkpoint '*bad.pt': it is empty");
    }

    [Fact]
    public void Random_bytes_are_not_a_checkpoint()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[0] = (byte)'x';

        LoadFile(bytes).Should().Throw<InvalidDataException>().WithMessage("*bad.pt': it is not a zip archive*");
    }

    [Fact]
    public void Random_bytes_after_a_zip_signature_are_not_a_checkpoint()
    {
        var bytes = new byte[4096];
        new Random(2).NextBytes(bytes);
        bytes[0] = (byte)'P';
        bytes[1] = (byte)'K';

        LoadFile(bytes).Should().Throw<InvalidDataException>().WithMessage("*bad.pt': *");
    }

    [Fact]
    public void A_legacy_pickle_checkpoint_is_named_as_such()
    {
        LoadFile([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc]).Should().Throw<InvalidDataException>().WithMessage("*legacy format*");
    }

    [Fact]
    public void Every_truncation_of_a_checkpoint_is_reported()
    {
        var valid = ValidCheckpoint();

        for (var length = 0; length < valid.Length; length++)
        {
            using var stream = new MemoryStream(valid[..length]);
            FluentActions.Invoking(() => load(stream)).Should().Throw<InvalidDataException>($"the file is cut to {length} of {valid.Length} bytes")
                .WithMessage("cannot load the checkpoint from the stream: *");
        }
    }

    [Fact]
    public void Any_corrupted_byte_either_loads_or_raises_InvalidDataException()
    {
        var valid = ValidCheckpoint();

        for (var i = 0; i < valid.Length; i++)
        {
            var corrupt = valid.ToArray();
            corrupt[i] ^= 0xA5;
            using var scope = NewDisposeScope();
            using var stream = new MemoryStream(corrupt);
            try
            {
                load(stream);
            }
            catch (InvalidDataException e)
            {
                e.Message.Should().StartWith("cannot load the checkpoint from the stream: ");
            }
        }
    }

    [Fact]
    public void A_zip_without_data_pkl_is_not_a_checkpoint()
    {
        LoadFile(PickleBuilder.Zip(("archive/notes.txt", [1, 2]))).Should().Throw<InvalidDataException>().WithMessage("*no <name>/data.pkl record*");
    }

    [Fact]
    public void An_unknown_opcode_is_reported()
    {
        var checkpoint = new PickleBuilder().Proto(2).Op(0xff).Checkpoint();

        LoadFile(checkpoint).Should().Throw<InvalidDataException>().WithMessage("*unsupported pickle opcode 0xff at byte 2*");
    }

    [Fact]
    public void A_pickle_that_calls_other_Python_code_is_refused()
    {
        var checkpoint = new PickleBuilder().Proto(2).Global("os", "system").Mark().Str("echo hi").Op('t').Op('R').Op('.').Checkpoint();

        LoadFile(checkpoint).Should().Throw<InvalidDataException>().WithMessage("*calls the Python object os.system*");
    }

    [Fact]
    public void A_checkpoint_that_is_not_a_dict_is_refused()
    {
        var checkpoint = new PickleBuilder().Proto(2).Op(']').Op('.').Checkpoint();

        LoadFile(checkpoint).Should().Throw<InvalidDataException>().WithMessage("*holds a list, not a dict of tensors*");
    }

    [Fact]
    public void A_self_containing_list_is_refused_instead_of_recursing_forever()
    {
        // d = {}; l = []; l.append(l); d['loop'] = l
        var checkpoint = new PickleBuilder().Proto(2).Op('}').Str("loop").Op(']').Put(0).Get(0).Op('a').Op('s').Op('.').Checkpoint();

        LoadFile(checkpoint).Should().Throw<InvalidDataException>().WithMessage("*nested more than*");
    }

    private static byte[] ValidCheckpoint()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        save(new Dictionary<string, torch.Tensor> { ["w"] = tensor(new[] { 1f, 2f }), ["n"] = tensor(new[] { 3L }).reshape() }, stream);
        return stream.ToArray();
    }

    private static Action LoadFile(byte[] content)
    {
        return () =>
        {
            using var directory = new TempDirectory();
            var path = directory.File("bad.pt");
            File.WriteAllBytes(path, content);
            using var scope = NewDisposeScope();
            load(path);
        };
    }
}
