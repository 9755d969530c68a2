using System.Text;

namespace MtlSharing.NativeCompat.Tests;

/// <summary>Finding the system libstdc++ and whether it provides GLIBCXX_3.4.32, which decides 'auto'.</summary>
public sealed class HostTests : IDisposable
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("GLIBCXX_3.4.32\0");

    private readonly TemporaryFolder folder = new("host");

    [Fact]
    public void A_libstdcxx_defining_GLIBCXX_3_4_32_provides_it()
    {
        var path = folder.Write("libstdc++.so.6", SyntheticElf.LibStdCxxUpTo(33).Build());

        SystemLibStdCxx.Defines(path, "GLIBCXX_3.4.32").Should().BeTrue();
    }

    [Fact]
    public void A_libstdcxx_stopping_at_GLIBCXX_3_4_30_does_not()
    {
        var path = folder.Write("libstdc++.so.6", SyntheticElf.LibStdCxxUpTo(30).Build());

        SystemLibStdCxx.Defines(path, "GLIBCXX_3.4.30").Should().BeTrue();
        SystemLibStdCxx.Defines(path, "GLIBCXX_3.4.32").Should().BeFalse();
    }

    [Fact]
    public void The_libstdcxx_found_is_the_one_this_process_loaded_and_its_answer_matches_its_strings()
    {
        // The .NET runtime itself links libstdc++.so.6, so the loader's choice is in this process's map.
        var loaded = File.ReadLines("/proc/self/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("libstdc++.so.6", StringComparison.Ordinal))
            .Select(fields => fields[5]).First();

        var found = SystemLibStdCxx.Find();

        found.Should().NotBeNull();
        File.ReadAllBytes(found!).Should().Equal(File.ReadAllBytes(loaded), $"{found} should be the library the loader chose, {loaded}");
        SystemLibStdCxx.Defines(found!, "GLIBCXX_3.4.32").Should().Be(File.ReadAllBytes(found!).AsSpan().IndexOf(Marker) >= 0);
    }

    [Fact]
    public void The_repository_build_patched_this_projects_own_copy_where_the_host_needs_it()
    {
        // Directory.Build.targets at the repository root imports the targets file into this very project.
        var own = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var hostLacks = !SystemLibStdCxx.Defines(SystemLibStdCxx.Find()!, "GLIBCXX_3.4.32");

        var flags = IndependentElf.VersionNeeds(File.ReadAllBytes(own)).Single(n => n.Version == "GLIBCXX_3.4.32").Flags;

        ((flags & 0x2) != 0).Should().Be(hostLacks);
        IndependentElf.VersionNeeds(File.ReadAllBytes(TestFiles.NuGetLibTorchSharp)).Single(n => n.Version == "GLIBCXX_3.4.32").Flags
            .Should().Be(0, "the NuGet cache's copy is never written");
    }

    [Fact]
    public void TorchSharp_loads_in_this_process()
    {
        TorchSharp.torch.__version__.Should().MatchRegex(@"^\d+\.\d+");
    }

    public void Dispose() => folder.Dispose();
}
