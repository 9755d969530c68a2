namespace MtlSharing.NativeCompat.Tests;

/// <summary>binutils' readelf, when installed: a second, outside opinion of the patched file.</summary>
internal static class Readelf
{
    /// <summary>The readelf program on PATH, or null.</summary>
    public static string? Program { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "readelf"))
        .FirstOrDefault(File.Exists);

    /// <summary>The lines of <c>readelf -V</c> that describe version needs ("Name: ... Flags: ... Version: ...").</summary>
    public static IReadOnlyList<string> VersionNeedLines(string path)
    {
        var result = Command.Run(Program!, ["-V", "-W", path], Path.GetDirectoryName(path)!);
        result.ExitCode.Should().Be(0, result.Describe());
        return result.Output.Split('\n').Select(line => line.Trim()).Where(line => line.Contains("Name: ", StringComparison.Ordinal) && line.Contains("Flags: ", StringComparison.Ordinal)).ToList();
    }
}

/// <summary>A fact that is skipped, with its reason, where readelf is not installed.</summary>
internal sealed class ReadelfFactAttribute : FactAttribute
{
    public ReadelfFactAttribute()
    {
        if (Readelf.Program is null)
        {
            Skip = "readelf (binutils) is not installed; the other tests check the patch with a parser of their own";
        }
    }
}
