using System.Runtime.InteropServices;

namespace MtlSharing.NativeCompat.Tests;

/// <summary>The patcher on TorchSharp's real libLibTorchSharp.so, copied from the NuGet cache.</summary>
public sealed partial class RealLibraryTests : IDisposable
{
    private readonly TemporaryFolder folder = new("real");
    private readonly string original = TestFiles.NuGetLibTorchSharp;

    [Fact]
    public void The_packaged_library_needs_GLIBCXX_3_4_32_from_libstdcxx_strongly()
    {
        var marker = IndependentElf.VersionNeeds(File.ReadAllBytes(original)).Where(n => n.Version == "GLIBCXX_3.4.32").ToList();

        marker.Should().ContainSingle().Which.Should().Match<IndependentElf.Need>(n => n.File == "libstdc++.so.6" && n.Flags == 0);
    }

    [Fact]
    public void Patching_sets_only_the_weak_bit_of_the_GLIBCXX_3_4_32_need()
    {
        var path = folder.CopyIn(original, "libLibTorchSharp.so");
        var before = File.ReadAllBytes(path);
        var marker = IndependentElf.VersionNeeds(before).Single(n => n.Version == "GLIBCXX_3.4.32");

        var result = LibTorchSharpElfPatcher.Patch(path);

        var after = File.ReadAllBytes(path);
        result.Outcome.Should().Be(LibTorchSharpPatchOutcome.Patched);
        result.FlagOffsets.Should().Equal(marker.FlagsOffset);
        IndependentElf.Differences(before, after).Should().Equal(marker.FlagsOffset);
        after[marker.FlagsOffset].Should().Be((byte)(before[marker.FlagsOffset] | 0x2));
        IndependentElf.VersionNeeds(after).Should().Equal(
            IndependentElf.VersionNeeds(before).Select(n => n.Version == "GLIBCXX_3.4.32" ? n with { Flags = 0x2 } : n));
    }

    [Fact]
    public void A_second_run_changes_nothing_and_says_already_patched()
    {
        var path = folder.CopyIn(original, "libLibTorchSharp.so");
        LibTorchSharpElfPatcher.Patch(path);
        var once = File.ReadAllBytes(path);
        var time = File.GetLastWriteTimeUtc(path);

        var result = LibTorchSharpElfPatcher.Patch(path);

        result.Outcome.Should().Be(LibTorchSharpPatchOutcome.AlreadyPatched);
        result.ToString().Should().Contain("already patched").And.Contain(path);
        File.ReadAllBytes(path).Should().Equal(once);
        File.GetLastWriteTimeUtc(path).Should().Be(time);
    }

    [Fact]
    public void Inspect_finds_the_need_and_writes_nothing()
    {
        var path = folder.CopyIn(original, "libLibTorchSharp.so");

        var result = LibTorchSharpElfPatcher.Inspect(path);

        result.Outcome.Should().Be(LibTorchSharpPatchOutcome.Patched);
        File.ReadAllBytes(path).Should().Equal(File.ReadAllBytes(original));
    }

    [Fact]
    public void A_hard_link_to_the_original_is_broken_not_written_through()
    {
        // MSBuild may hard-link copy-local files to the NuGet cache; the cache's file must stay as it was.
        var cache = folder.CopyIn(original, Path.Combine("cache", "libLibTorchSharp.so"));
        var output = folder.Combine("libLibTorchSharp.so");
        Link(cache, output).Should().Be(0, "a hard link can be made in the temporary folder");

        LibTorchSharpElfPatcher.Patch(output).Outcome.Should().Be(LibTorchSharpPatchOutcome.Patched);

        File.ReadAllBytes(cache).Should().Equal(File.ReadAllBytes(original));
        IndependentElf.VersionNeeds(File.ReadAllBytes(output)).Single(n => n.Version == "GLIBCXX_3.4.32").Flags.Should().Be(0x2);
    }

    [Fact]
    public void The_patched_file_keeps_its_mode_and_time_and_no_temporary_file_is_left()
    {
        var path = folder.CopyIn(original, Path.Combine("out", "libLibTorchSharp.so"));
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(path, mode);
        var time = new DateTime(2026, 2, 13, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, time);

        LibTorchSharpElfPatcher.Patch(path);

        File.GetUnixFileMode(path).Should().Be(mode);
        File.GetLastWriteTimeUtc(path).Should().Be(time, "MSBuild's incremental copy then leaves the patched file in place");
        Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [ReadelfFact]
    public void Readelf_sees_the_GLIBCXX_3_4_32_need_turn_weak_and_nothing_else_change()
    {
        var path = folder.CopyIn(original, "libLibTorchSharp.so");
        var before = Readelf.VersionNeedLines(path);

        LibTorchSharpElfPatcher.Patch(path);

        var after = Readelf.VersionNeedLines(path);
        before.Should().ContainSingle(line => line.Contains("GLIBCXX_3.4.32", StringComparison.Ordinal)).Which.Should().Contain("Flags: none");
        var changed = after.Where((line, i) => line != before[i]).ToList();
        changed.Should().ContainSingle().Which.Should().Contain("Name: GLIBCXX_3.4.32").And.Contain("Flags: WEAK");
        after.Should().HaveSameCount(before);
    }

    public void Dispose() => folder.Dispose();

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);
}
