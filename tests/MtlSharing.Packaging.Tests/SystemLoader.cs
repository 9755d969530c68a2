using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace MtlSharing.Packaging.Tests;

/// <summary>
/// What this machine's dynamic loader makes of TorchSharp's native library, found without the build
/// step's own code: the libstdc++ this very process loaded, and <c>ldd</c>'s verdict on a file.
/// </summary>
internal static partial class SystemLoader
{
    /// <summary>The version TorchSharp 0.107's libLibTorchSharp.so needs for one marker symbol.</summary>
    public const string MarkerVersion = "GLIBCXX_3.4.32";

    private static readonly Lazy<string?> LoadedLibStdCxx = new(FindLoadedLibStdCxx);

    /// <summary>Why the tests that need a libstdc++ without GLIBCXX_3.4.32 cannot run here, or null when they can.</summary>
    public static string? WhyNotAnOlderLibStdCxx()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return "TorchSharp's GLIBCXX_3.4.32 need concerns linux-x64 only";
        }

        if (LoadedLibStdCxx.Value is null)
        {
            return "this process loaded no libstdc++.so.6, so the system's cannot be inspected";
        }

        return LacksMarkerVersion
            ? null
            : $"the system libstdc++ ({LoadedLibStdCxx.Value}) defines {MarkerVersion}, so an unpatched libLibTorchSharp.so loads here";
    }

    /// <summary>Whether the libstdc++ the loader chose for this process lacks GLIBCXX_3.4.32 (false when none was found).</summary>
    public static bool LacksMarkerVersion =>
        LoadedLibStdCxx.Value is { } path && File.ReadAllBytes(path).AsSpan().IndexOf(Encoding.ASCII.GetBytes(MarkerVersion + "\0")) < 0;

    /// <summary>
    /// Whether the loader refuses the file for want of GLIBCXX_3.4.32: <c>ldd</c> reports
    /// "version `GLIBCXX_3.4.32' not found" for a strong need it cannot meet, and "weak version …" for a
    /// weak one, which does not stop the library loading.
    /// </summary>
    public static bool RefusesForMarkerVersion(string file, out string lddOutput)
    {
        var ldd = Command.Run("ldd", [file], Path.GetDirectoryName(file)!);
        lddOutput = ldd.Output + ldd.Error;
        return StrongMissingMarker().IsMatch(lddOutput);
    }

    [GeneratedRegex(@"(?<!weak )version `GLIBCXX_3\.4\.32' not found")]
    private static partial Regex StrongMissingMarker();

    /// <summary>The .NET runtime links libstdc++.so.6, so the loader's choice shows in this process's map.</summary>
    private static string? FindLoadedLibStdCxx() =>
        !File.Exists("/proc/self/maps")
            ? null
            : File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("libstdc++.so.6", StringComparison.Ordinal))
                .Select(fields => fields[5])
                .FirstOrDefault();
}

/// <summary>A fact that runs only where the system libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04), and says why it is skipped elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WhereLibStdCxxLacksGlibcxx3432FactAttribute : FactAttribute
{
    public WhereLibStdCxxLacksGlibcxx3432FactAttribute()
    {
        if (SystemLoader.WhyNotAnOlderLibStdCxx() is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact about TorchSharp's linux-x64 native files, which needs a linux-x64 machine with <c>ldd</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxX64FactAttribute : FactAttribute
{
    public LinuxX64FactAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Skip = "the GLIBCXX_3.4.32 need and the build step concern linux-x64 only";
        }
    }
}
