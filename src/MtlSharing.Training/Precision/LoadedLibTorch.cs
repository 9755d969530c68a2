using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// The libtorch that TorchSharp loaded into this process, for calling libtorch functions TorchSharp
/// does not wrap. Exports are looked up through the handle of TorchSharp's own native library
/// (<c>libLibTorchSharp.so</c>, opened with <c>RTLD_NOLOAD</c> so that nothing new is loaded), which
/// searches that library's dependencies: they resolve to exactly the <c>libtorch_cpu.so</c> TorchSharp
/// calls, never to another copy on the system such as the libtorch 1.13 a Linux distribution installs.
/// Linux only: it reads /proc/self/maps to check which file each export comes from.
/// </summary>
internal sealed partial class LoadedLibTorch
{
    /// <summary>The file name of libtorch's CPU library, which holds the ATen functions.</summary>
    public const string TorchCpuFileName = "libtorch_cpu.so";

    /// <summary>The file name of TorchSharp's native library.</summary>
    public const string TorchSharpFileName = "libLibTorchSharp.so";

    private const int RtldLazy = 0x1;
    private const int RtldNoLoad = 0x4;

    private readonly nint handle;
    private readonly IReadOnlyList<MappedFile> maps;

    private LoadedLibTorch(nint handle, string torchSharpPath, IReadOnlyList<MappedFile> maps)
    {
        this.handle = handle;
        this.maps = maps;
        TorchSharpPath = torchSharpPath;
    }

    /// <summary>The path of the TorchSharp native library whose dependencies exports are resolved in.</summary>
    public string TorchSharpPath { get; }

    /// <summary>
    /// Makes sure TorchSharp has loaded its native libraries, then opens the copy of
    /// <c>libLibTorchSharp.so</c> this process already holds.
    /// </summary>
    /// <param name="purpose">What the caller needs libtorch for, for error messages.</param>
    /// <returns>The loaded libtorch.</returns>
    /// <exception cref="PlatformNotSupportedException">
    /// Not on Linux, or TorchSharp's native library cannot be found among the loaded files.
    /// </exception>
    public static LoadedLibTorch Find(string purpose)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"{purpose} calls libtorch's C++ functions exported by {TorchCpuFileName}, which MtlSharing locates on Linux only (through /proc/self/maps and TorchSharp's {TorchSharpFileName}); this process runs on {RuntimeInformation.OSDescription}");
        }

        // Loads TorchSharp's native library and, as its dependencies, libtorch_cpu.so (throws if it cannot).
        InitializeDeviceType(DeviceType.CPU);
        var maps = ProcessMaps.Read();
        var loaded = ProcessMaps.PathsNamed(maps, TorchSharpFileName);
        if (loaded.Count != 1)
        {
            var found = loaded.Count == 0 ? "none is" : $"{loaded.Count} are ({string.Join(", ", loaded)})";
            throw new PlatformNotSupportedException($"{purpose} needs the one {TorchSharpFileName} TorchSharp loaded, but {found} mapped into this process");
        }

        var opened = DlOpen(loaded[0], RtldLazy | RtldNoLoad);
        if (opened == 0)
        {
            throw new PlatformNotSupportedException($"{purpose} could not open the already loaded {loaded[0]} (dlopen with RTLD_NOLOAD failed)");
        }

        return new LoadedLibTorch(opened, loaded[0], maps);
    }

    /// <summary>
    /// The address of a function exported by the <c>libtorch_cpu.so</c> TorchSharp uses, and that file.
    /// </summary>
    /// <param name="mangledName">The symbol, as <c>nm -D</c> lists it.</param>
    /// <param name="readableName">The C++ declaration, for error messages.</param>
    /// <returns>The function's address and the path of the file it is in.</returns>
    /// <exception cref="PlatformNotSupportedException">
    /// The symbol is missing (another libtorch version), or it does not come from <c>libtorch_cpu.so</c>.
    /// </exception>
    public (nint Address, string Library) Export(string mangledName, string readableName)
    {
        if (!NativeLibrary.TryGetExport(handle, mangledName, out var address))
        {
            throw new PlatformNotSupportedException($"the libtorch that TorchSharp {__version__} loaded through {TorchSharpPath} does not export {readableName} ({mangledName}); libtorch 2.x, as TorchSharp 0.107 ships it, does");
        }

        var library = ProcessMaps.FileHolding(maps, address);
        if (library is null || Path.GetFileName(library) != TorchCpuFileName)
        {
            throw new PlatformNotSupportedException($"{readableName} resolved to {library ?? "memory outside any mapped file"}, not to a {TorchCpuFileName}");
        }

        return (address, library);
    }

    [LibraryImport("libdl.so.2", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DlOpen(string path, int flags);
}
