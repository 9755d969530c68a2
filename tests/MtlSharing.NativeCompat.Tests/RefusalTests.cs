using System.Buffers.Binary;
using System.Text;

namespace MtlSharing.NativeCompat.Tests;

/// <summary>Files that are not what the patcher expects: refused with a message naming the file and why, and left untouched.</summary>
public sealed class RefusalTests : IDisposable
{
    private readonly TemporaryFolder folder = new("refusal");

    [Fact]
    public void A_text_file_is_refused()
    {
        Refusal(Encoding.ASCII.GetBytes("this is not a shared object, whatever its name says\n" + new string('x', 100)))
            .Should().Contain("does not start with the ELF magic bytes");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Refusal([]).Should().Contain("0 bytes long");
    }

    [Fact]
    public void A_32_bit_ELF_is_refused()
    {
        Refusal(new SyntheticElf { Class = 1 }.Build()).Should().Contain("32-bit");
    }

    [Fact]
    public void A_big_endian_ELF_is_refused()
    {
        Refusal(new SyntheticElf { Data = 2 }.Build()).Should().Contain("big-endian");
    }

    [Fact]
    public void An_executable_that_is_no_shared_object_is_refused()
    {
        Refusal(new SyntheticElf { Type = 2 }.Build()).Should().Contain("not ET_DYN");
    }

    [Theory]
    [InlineData(40, "shorter than the 64-byte ELF64 header")]
    [InlineData(65536, "truncated?")]
    public void A_truncated_library_is_refused(int length, string reason)
    {
        Refusal(File.ReadAllBytes(TestFiles.NuGetLibTorchSharp)[..length]).Should().Contain(reason);
    }

    [Fact]
    public void A_file_without_section_headers_is_refused()
    {
        var bytes = SyntheticElf.LikeLibTorchSharp().Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), 0);

        Refusal(bytes).Should().Contain("no section header table");
    }

    [Fact]
    public void A_version_name_outside_the_string_table_is_refused()
    {
        var elf = SyntheticElf.LikeLibTorchSharp();
        var bytes = elf.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(elf.VersionNeedsOffset + 16 + 8), 0xfffff);

        Refusal(bytes).Should().Contain("vna_name").And.Contain("string table");
    }

    [Fact]
    public void A_version_need_chain_running_past_its_section_is_refused()
    {
        var elf = SyntheticElf.LikeLibTorchSharp();
        var bytes = elf.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(elf.VersionNeedsOffset + 12), 0x10000);

        Refusal(bytes).Should().Contain("runs past the section's end");
    }

    [Fact]
    public void Version_needs_linked_to_something_other_than_a_string_table_are_refused()
    {
        var elf = SyntheticElf.LikeLibTorchSharp();
        var bytes = elf.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(elf.SectionTableOffset + (2 * 64) + 40), 0);

        Refusal(bytes).Should().Contain("not a string table");
    }

    [Fact]
    public void A_directory_is_refused()
    {
        var path = folder.Combine("libLibTorchSharp.so");
        Directory.CreateDirectory(path);

        var act = () => LibTorchSharpElfPatcher.Patch(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"not an ELF64 little-endian shared object: {path} (it is a directory)");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = folder.Combine("libLibTorchSharp.so");

        var act = () => LibTorchSharpElfPatcher.Patch(path);

        act.Should().Throw<FileNotFoundException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void A_library_needing_older_GLIBCXX_versions_only_has_nothing_to_patch()
    {
        var elf = new SyntheticElf { Needs = { ("libstdc++.so.6", [("GLIBCXX_3.4.30", 0), ("GLIBCXX_3.4.29", 0)]) } };
        var path = folder.Write("libLibTorchSharp.so", elf.Build());

        NothingToPatch(path);
    }

    [Fact]
    public void A_library_with_no_version_needs_at_all_has_nothing_to_patch()
    {
        NothingToPatch(folder.Write("libLibTorchSharp.so", new SyntheticElf().Build()));
    }

    [Fact]
    public void A_real_library_needing_no_GLIBCXX_has_nothing_to_patch()
    {
        NothingToPatch(folder.CopyIn(TestFiles.NuGetLibGomp, "libgomp.so.1"));
    }

    [Fact]
    public void Only_the_marker_need_changes_among_several_libraries()
    {
        var path = folder.Write("libLibTorchSharp.so", SyntheticElf.LikeLibTorchSharp().Build());
        var before = File.ReadAllBytes(path);
        var marker = IndependentElf.VersionNeeds(before).Single(n => n.Version == "GLIBCXX_3.4.32");

        LibTorchSharpElfPatcher.Patch(path).Outcome.Should().Be(LibTorchSharpPatchOutcome.Patched);

        IndependentElf.Differences(before, File.ReadAllBytes(path)).Should().Equal(marker.FlagsOffset);
    }

    public void Dispose() => folder.Dispose();

    private string Refusal(byte[] bytes)
    {
        var path = folder.Write("libLibTorchSharp.so", bytes);

        var act = () => LibTorchSharpElfPatcher.Patch(path);

        var message = act.Should().Throw<InvalidDataException>().Which.Message;
        message.Should().StartWith($"not an ELF64 little-endian shared object: {path} (");
        File.ReadAllBytes(path).Should().Equal(bytes, "a refused file is left as it was");
        Directory.GetFileSystemEntries(folder.Path).Should().Equal(path);
        return message;
    }

    private static void NothingToPatch(string path)
    {
        var before = File.ReadAllBytes(path);

        var result = LibTorchSharpElfPatcher.Patch(path);

        result.Outcome.Should().Be(LibTorchSharpPatchOutcome.NothingToPatch);
        result.ToString().Should().Contain("nothing to patch").And.Contain(path);
        File.ReadAllBytes(path).Should().Equal(before);
    }
}
