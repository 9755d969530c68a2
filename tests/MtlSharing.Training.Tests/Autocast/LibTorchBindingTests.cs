using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>
/// The autocast functions are called in the libtorch TorchSharp loaded, never in another copy such
/// as Debian's libtorch 1.13 (python3-torch), which exports some of the same C++ symbols
/// (<c>clear_cache</c>, <c>increment_nesting</c>) and cannot share a process with libtorch 2.10.
/// </summary>
public sealed class LibTorchBindingTests
{
    [Fact]
    public void The_functions_come_from_the_libtorch_cpu_beside_torchsharps_native_library()
    {
        if (!OperatingSystem.IsLinux())
        {
            FluentActions.Invoking(() => Autocast.IsEnabled).Should().Throw<PlatformNotSupportedException>().WithMessage("*Linux*");
            return;
        }

        _ = Autocast.IsEnabled;
        var maps = Maps();
        var torchSharp = maps.Select(m => m.Path).Distinct().Should().ContainSingle(p => Path.GetFileName(p) == "libLibTorchSharp.so").Subject;
        var address = (ulong)LibTorchAutocast.IsEnabledAddress;

        var bound = LibTorchAutocast.LibraryPath;

        bound.Should().Be(Path.Combine(Path.GetDirectoryName(torchSharp)!, "libtorch_cpu.so"));
        maps.Single(m => m.Start <= address && address < m.End).Path.Should().Be(bound);
        bound.Should().NotStartWith("/usr/").And.NotStartWith("/lib");
    }

    [Fact]
    public void Looking_up_the_functions_loads_no_library()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _ = __version__;
        var before = TorchFiles();

        var libtorch = LoadedLibTorch.Find("the test");
        libtorch.Export("_ZN2at8autocast11clear_cacheEv", "void at::autocast::clear_cache()");

        TorchFiles().Should().BeEquivalentTo(before);
        libtorch.TorchSharpPath.Should().EndWith("/libLibTorchSharp.so");
    }

    [Fact]
    public void A_function_only_libtorch_1_13_exports_is_reported_as_missing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var libtorch = LoadedLibTorch.Find("the test");

        var act = () => libtorch.Export("_ZN2at8autocast14is_cpu_enabledEv", "bool at::autocast::is_cpu_enabled()");

        act.Should().Throw<PlatformNotSupportedException>().WithMessage("*does not export bool at::autocast::is_cpu_enabled() (_ZN2at8autocast14is_cpu_enabledEv)*");
    }

    [Fact]
    public void A_function_found_outside_libtorch_cpu_is_refused()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var libtorch = LoadedLibTorch.Find("the test");

        var act = () => libtorch.Export("THSTorch_can_cast", "THSTorch_can_cast");

        act.Should().Throw<PlatformNotSupportedException>().WithMessage("THSTorch_can_cast resolved to *libLibTorchSharp.so, not to a libtorch_cpu.so");
    }

    // Only libtorch's and TorchSharp's files: tests running in parallel may load other libraries meanwhile.
    private static HashSet<string> TorchFiles() =>
        Maps().Select(m => m.Path).Where(p => Path.GetFileName(p).Contains("torch", StringComparison.OrdinalIgnoreCase)).ToHashSet();

    private static List<(ulong Start, ulong End, string Path)> Maps() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && fields[5].TrimStart().StartsWith('/'))
            .Select(fields =>
            {
                var range = fields[0].Split('-').Select(h => Convert.ToUInt64(h, 16)).ToArray();
                return (range[0], range[1], fields[5].Trim());
            })
            .ToList();
}
