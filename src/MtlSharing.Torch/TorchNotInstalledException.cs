namespace MtlSharing.Torch;

/// <summary>
/// The native shim was found but libtorch, which it links against, is not installed (or not the
/// version it was built for). The message names the missing library and the package to install.
/// </summary>
public sealed class TorchNotInstalledException : DllNotFoundException
{
    /// <summary>The Debian/Ubuntu package that provides the libtorch the packaged shim was built against.</summary>
    public const string RuntimePackage = "libtorch1.13";

    /// <summary>Creates the exception for a missing libtorch library.</summary>
    /// <param name="missingLibrary">The library the system loader could not find, such as <c>libc10.so.1.13</c>.</param>
    /// <param name="shimPath">The native shim that needs it.</param>
    /// <param name="innerException">The loader's own error.</param>
    public TorchNotInstalledException(string missingLibrary, string shimPath, Exception? innerException)
        : base(Describe(missingLibrary, shimPath), innerException)
    {
        MissingLibrary = missingLibrary;
        ShimPath = shimPath;
    }

    /// <summary>The library the system loader could not find, such as <c>libc10.so.1.13</c>.</summary>
    public string MissingLibrary { get; }

    /// <summary>The native shim that needs the missing library.</summary>
    public string ShimPath { get; }

    private static string Describe(string missingLibrary, string shimPath) =>
        $"libtorch is not installed: the native shim '{shimPath}' needs {missingLibrary}, which the system loader cannot find. " +
        $"Install it with 'sudo apt-get install {RuntimePackage}' (Debian 12, Ubuntu), " +
        "or rebuild the shim against your own libtorch with the CMake project in native/ (see the MtlSharing.Torch package README).";
}
