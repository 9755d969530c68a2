using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data;

public sealed class IdxReaderTests
{
    // Two 2 × 3 images whose pixels are 0, 51, 102, ..., so pixel i is 51·(i mod 6) / 255 = (i mod 6) / 5.
    private static readonly byte[] ImageFile = IdxFiles.Images(2, 2, 3, i => (byte)(51 * (i % 6)));
    private static readonly float[] ExpectedPixels = Enumerable.Range(0, 12).Select(i => (i % 6) / 5f).ToArray();

    [Theory]
    [InlineData(false, "images.idx")]
    [InlineData(true, "images.idx.gz")]
    [InlineData(true, "gzipped-without-extension")]
    public void Images_are_read_as_float_N_1_rows_cols_scaled_to_unit_range(bool gzip, string name)
    {
        using var directory = new TempDirectory();
        var path = directory.File(name);
        File.WriteAllBytes(path, gzip ? IdxFiles.Gzip(ImageFile) : ImageFile);
        using var scope = NewDisposeScope();

        var images = IdxReader.ReadImages(path);

        images.dtype.Should().Be(float32);
        images.shape.Should().Equal(2, 1, 2, 3);
        images.data<float>().ToArray().Should().BeEquivalentTo(ExpectedPixels, o => o.WithStrictOrdering().Using<float>(
            c => c.Subject.Should().BeApproximately(c.Expectation, 1e-7f)).WhenTypeIs<float>());
    }

    [Theory]
    [InlineData(false, "labels.gz")]
    [InlineData(true, "labels")]
    public void Labels_are_read_as_int64_whatever_the_file_name_says(bool gzip, string name)
    {
        using var directory = new TempDirectory();
        var path = directory.File(name);
        var labels = IdxFiles.Labels(3, 0, 9, 255);
        File.WriteAllBytes(path, gzip ? IdxFiles.Gzip(labels) : labels);
        using var scope = NewDisposeScope();

        var read = IdxReader.ReadLabels(path);

        read.dtype.Should().Be(int64);
        read.data<long>().ToArray().Should().Equal(3, 0, 9, 255);
    }

    [Fact]
    public void ReadDataset_pairs_images_with_labels_and_checks_the_counts()
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(directory.File("i"), IdxFiles.Gzip(ImageFile));
        File.WriteAllBytes(directory.File("l"), IdxFiles.Labels(4, 2));
        File.WriteAllBytes(directory.File("l3"), IdxFiles.Labels(4, 2, 1));
        using var dataset = IdxReader.ReadDataset(directory.File("i"), directory.File("l"));
        using var scope = NewDisposeScope();

        var (images, labels) = dataset.Get([1]);

        images.data<float>().ToArray()[0].Should().Be(0f);
        images.data<float>().ToArray()[5].Should().BeApproximately(1f, 1e-7f);
        labels.data<long>().ToArray().Should().Equal(2);
        Invoking(() => IdxReader.ReadDataset(directory.File("i"), directory.File("l3")))
            .Should().Throw<InvalidDataException>().WithMessage("*holds 2 images*holds 3 labels*");
    }

    [Fact]
    public void A_wrong_magic_number_is_reported_with_the_file_name()
    {
        using var directory = new TempDirectory();
        var path = directory.File("swapped");
        File.WriteAllBytes(path, IdxFiles.Labels(1, 2));

        Invoking(() => IdxReader.ReadImages(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"*{path}*not an IDX image file*0x00000801*expected 0x00000803*");
        File.WriteAllBytes(path, ImageFile);
        Invoking(() => IdxReader.ReadLabels(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"*{path}*not an IDX label file*0x00000803*");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_file_is_reported_with_the_file_name(bool gzip)
    {
        using var directory = new TempDirectory();
        var path = directory.File("short");
        var truncated = ImageFile[..^1];
        File.WriteAllBytes(path, gzip ? IdxFiles.Gzip(truncated) : truncated);

        Invoking(() => IdxReader.ReadImages(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"*{path}*truncated*[2, 2, 3]*needs 28 bytes*has 27*");
    }

    [Fact]
    public void Trailing_bytes_a_short_header_and_a_cut_gzip_stream_are_reported()
    {
        using var directory = new TempDirectory();
        var path = directory.File("bad");

        File.WriteAllBytes(path, [.. ImageFile, 0]);
        Invoking(() => IdxReader.ReadImages(path)).Should().Throw<InvalidDataException>().WithMessage($"*{path}*trailing bytes*");

        File.WriteAllBytes(path, ImageFile[..10]);
        Invoking(() => IdxReader.ReadImages(path)).Should().Throw<InvalidDataException>().WithMessage($"*{path}*header needs 16 bytes*");

        File.WriteAllBytes(path, [0, 0]);
        Invoking(() => IdxReader.ReadLabels(path)).Should().Throw<InvalidDataException>().WithMessage($"*{path}*too short*");

        var gzip = IdxFiles.Gzip(IdxFiles.Images(50, 28, 28, i => (byte)(i * 7)));
        File.WriteAllBytes(path, gzip[..(gzip.Length / 2)]);
        Invoking(() => IdxReader.ReadImages(path)).Should().Throw<InvalidDataException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void Zero_sized_images_are_rejected()
    {
        using var directory = new TempDirectory();
        var path = directory.File("flat");
        File.WriteAllBytes(path, IdxFiles.Images(3, 0, 28, _ => 0));

        Invoking(() => IdxReader.ReadImages(path)).Should().Throw<InvalidDataException>().WithMessage($"*{path}*0 × 28 pixels*");
    }
}
