using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// libtorch's own CPU autocast: the functions of <c>ATen/autocast_mode.h</c>, called directly.
/// This exists because TorchSharp 0.107 has no autocast API, while the <c>libtorch_cpu.so</c> it ships
/// (libtorch 2.10) exports those C++ functions. They take and return only one-byte enums
/// (<c>c10::DeviceType</c>, <c>c10::ScalarType</c>), <c>bool</c> and <c>int</c>, and throw no C++
/// exception for the CPU (only <c>clear_cache</c> could, if locking its mutex failed), so they are
/// called without a C++ shim through their mangled names, bound in the
/// very library TorchSharp loaded (see <see cref="LoadedLibTorch"/>). The state they touch is per
/// thread (whether AutocastCPU is on, its lower-precision type, the nesting depth), except the cache
/// of weights already cast, which libtorch 2.10 keeps for the whole process behind a mutex.
/// </summary>
internal static unsafe class LibTorchAutocast
{
    private const sbyte Cpu = 0; // c10::DeviceType::CPU

    private static readonly Lazy<Functions> Bound = new(Bind);

    /// <summary>The path of the <c>libtorch_cpu.so</c> the functions were bound in.</summary>
    /// <exception cref="PlatformNotSupportedException">The functions cannot be reached here; the message says why.</exception>
    public static string LibraryPath => Bound.Value.LibraryPath;

    /// <summary>The address <c>at::autocast::is_autocast_enabled</c> was bound to, for checking where it lies.</summary>
    public static nint IsEnabledAddress => (nint)Bound.Value.IsEnabled;

    /// <summary>Whether CPU autocast is on for this thread (<c>is_autocast_enabled(kCPU)</c>).</summary>
    public static bool IsEnabled => Bound.Value.IsEnabled(Cpu) != 0;

    /// <summary>The type CPU autocast lowers to on this thread (<c>get_autocast_dtype(kCPU)</c>).</summary>
    public static ScalarType Dtype => (ScalarType)Bound.Value.GetDtype(Cpu);

    /// <summary>Turns CPU autocast on or off for this thread (<c>set_autocast_enabled(kCPU, enabled)</c>).</summary>
    /// <param name="enabled">The new state.</param>
    public static void SetEnabled(bool enabled) => Bound.Value.SetEnabled(Cpu, enabled ? (byte)1 : (byte)0);

    /// <summary>Sets the type CPU autocast lowers to on this thread (<c>set_autocast_dtype(kCPU, dtype)</c>).</summary>
    /// <param name="dtype">The lower-precision type; the caller checks it is one CPU autocast supports.</param>
    public static void SetDtype(ScalarType dtype) => Bound.Value.SetDtype(Cpu, (sbyte)dtype);

    /// <summary>Counts one more open autocast scope on this thread (<c>increment_nesting()</c>).</summary>
    public static void IncrementNesting() => Bound.Value.IncrementNesting();

    /// <summary>Counts one scope fewer on this thread (<c>decrement_nesting()</c>).</summary>
    /// <returns>The scopes still open; 0 after the outermost one.</returns>
    public static int DecrementNesting() => Bound.Value.DecrementNesting();

    /// <summary>Frees the lower-precision copies of weights, of every thread (<c>clear_cache()</c>).</summary>
    public static void ClearCache() => Bound.Value.ClearCache();

    private static Functions Bind()
    {
        var libtorch = LoadedLibTorch.Find("CPU autocast");
        var functions = new Functions();
        var libraries = new HashSet<string>();

        nint Export(string mangled, string readable)
        {
            var (address, library) = libtorch.Export(mangled, readable);
            libraries.Add(library);
            return address;
        }

        functions.IsEnabled = (delegate* unmanaged<sbyte, byte>)Export("_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE", "bool at::autocast::is_autocast_enabled(c10::DeviceType)");
        functions.SetEnabled = (delegate* unmanaged<sbyte, byte, void>)Export("_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb", "void at::autocast::set_autocast_enabled(c10::DeviceType, bool)");
        functions.GetDtype = (delegate* unmanaged<sbyte, sbyte>)Export("_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE", "c10::ScalarType at::autocast::get_autocast_dtype(c10::DeviceType)");
        functions.SetDtype = (delegate* unmanaged<sbyte, sbyte, void>)Export("_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE", "void at::autocast::set_autocast_dtype(c10::DeviceType, c10::ScalarType)");
        functions.IncrementNesting = (delegate* unmanaged<int>)Export("_ZN2at8autocast17increment_nestingEv", "int at::autocast::increment_nesting()");
        functions.DecrementNesting = (delegate* unmanaged<int>)Export("_ZN2at8autocast17decrement_nestingEv", "int at::autocast::decrement_nesting()");
        functions.ClearCache = (delegate* unmanaged<void>)Export("_ZN2at8autocast11clear_cacheEv", "void at::autocast::clear_cache()");
        if (libraries.Count != 1)
        {
            throw new PlatformNotSupportedException($"the autocast functions resolved to {libraries.Count} different files ({string.Join(", ", libraries)}); they must all come from the one {LoadedLibTorch.TorchCpuFileName} TorchSharp uses");
        }

        functions.LibraryPath = libraries.Single();
        return functions;
    }

    // C++ bool is one byte (0 or 1), so it travels as byte: a marshalled bool would be four.
    private sealed class Functions
    {
        public string LibraryPath = string.Empty;
        public delegate* unmanaged<sbyte, byte> IsEnabled;
        public delegate* unmanaged<sbyte, byte, void> SetEnabled;
        public delegate* unmanaged<sbyte, sbyte> GetDtype;
        public delegate* unmanaged<sbyte, sbyte, void> SetDtype;
        public delegate* unmanaged<int> IncrementNesting;
        public delegate* unmanaged<int> DecrementNesting;
        public delegate* unmanaged<void> ClearCache;
    }
}
