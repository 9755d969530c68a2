using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace MtlSharing.Torch.Native;

/// <summary>
/// Finds and loads the native shim for this assembly's imports: from runtimes/linux-x64/native
/// (as the package lays it out) or from the application's own folder. A shim that cannot load
/// because libtorch is missing raises <see cref="TorchNotInstalledException"/>; a missing shim
/// raises a <see cref="DllNotFoundException"/> that lists where it looked. Once loaded, libtorch
/// is set to use every processor for intra-op work.
/// </summary>
internal static partial class ShimLoader
{
    internal const string LibraryName = "mtlshim";
    internal const string FileName = "libmtlshim.so";
    internal static readonly string PackageFolder = Path.Combine("runtimes", "linux-x64", "native");

    private static readonly Lock Gate = new();
    private static IntPtr loaded;

    /// <summary>Routes this assembly's native imports through <see cref="Resolve"/>.</summary>
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(ShimLoader).Assembly, Resolve);

    /// <summary>The resolver: the shim for its own name, the default search for any other.</summary>
    internal static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (loaded == IntPtr.Zero)
            {
                loaded = Load(Candidates(assembly));
                SetDefaultThreads(loaded);
            }

            return loaded;
        }
    }

    /// <summary>Loads the first candidate file that exists.</summary>
    /// <param name="candidates">Full paths to try, in order.</param>
    /// <returns>The library handle.</returns>
    internal static IntPtr Load(IReadOnlyList<string> candidates)
    {
        var path = candidates.FirstOrDefault(File.Exists) ?? throw new DllNotFoundException(
            $"the native shim {FileName} was not found; looked for {string.Join(", ", candidates)}. " +
            $"It ships in the MtlSharing.Torch package under {PackageFolder.Replace('\\', '/')}/ and supports linux-x64 only.");
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            var missing = MissingTorchLibrary(e.Message);
            if (missing is not null)
            {
                throw new TorchNotInstalledException(missing, path, e);
            }

            throw new DllNotFoundException($"the native shim '{path}' exists but could not be loaded: {e.Message}", e);
        }
    }

    /// <summary>The libtorch library (libtorch*, libc10*) a loader error says it cannot open, if any.</summary>
    /// <param name="loaderMessage">The loader's error text.</param>
    /// <returns>The library's file name, or null when the error is about something else.</returns>
    internal static string? MissingTorchLibrary(string loaderMessage)
    {
        var match = MissingLibraryPattern().Match(loaderMessage);
        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>Where the shim may be: the package layout and the flat layout, beside this assembly and the application.</summary>
    internal static IReadOnlyList<string> Candidates(Assembly assembly)
    {
        var folders = new List<string>();
        foreach (var root in new[] { Path.GetDirectoryName(assembly.Location), AppContext.BaseDirectory })
        {
            if (!string.IsNullOrEmpty(root))
            {
                folders.Add(Path.Combine(root, PackageFolder));
                folders.Add(root);
            }
        }

        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
        {
            folders.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        return folders.Select(f => Path.GetFullPath(Path.Combine(f, FileName))).Distinct(StringComparer.Ordinal).ToList();
    }

    private static unsafe void SetDefaultThreads(IntPtr library)
    {
        var setThreads = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(library, "mts_set_num_threads");
        NativeMethods.Check(setThreads(Environment.ProcessorCount));
    }

    [GeneratedRegex(@"(?<name>lib(?:torch|c10)[\w.+-]*\.so[\w.]*): cannot open shared object file")]
    private static partial Regex MissingLibraryPattern();
}
