using System.Globalization;

namespace MtlSharing.Training;

/// <summary>One range of this process's address space that a file is mapped into.</summary>
/// <param name="Start">The first address of the range.</param>
/// <param name="End">The address just past the range.</param>
/// <param name="Path">The absolute path of the mapped file, as the kernel reports it.</param>
internal sealed record MappedFile(ulong Start, ulong End, string Path)
{
    /// <summary>Whether <paramref name="address"/> lies inside this range.</summary>
    /// <param name="address">An address in this process.</param>
    /// <returns>True when <see cref="Start"/> &lt;= address &lt; <see cref="End"/>.</returns>
    public bool Contains(nint address) => (ulong)address >= Start && (ulong)address < End;
}

/// <summary>
/// The files mapped into this process, read from Linux's <c>/proc/self/maps</c>: which copy of a
/// shared library is loaded, and which file an exported function's address belongs to.
/// </summary>
internal static class ProcessMaps
{
    private const string MapsPath = "/proc/self/maps";

    /// <summary>Reads the ranges that have a file behind them (not the heap, stacks or anonymous memory).</summary>
    /// <returns>The file-backed ranges, in address order.</returns>
    public static IReadOnlyList<MappedFile> Read()
    {
        var files = new List<MappedFile>();
        foreach (var line in File.ReadLines(MapsPath))
        {
            if (Parse(line) is { } file)
            {
                files.Add(file);
            }
        }

        return files;
    }

    /// <summary>The distinct paths of the mapped files whose file name is <paramref name="fileName"/>.</summary>
    /// <param name="maps">Ranges from <see cref="Read"/>.</param>
    /// <param name="fileName">A file name without directory, such as <c>libtorch_cpu.so</c>.</param>
    /// <returns>Each matching path once, in address order.</returns>
    public static IReadOnlyList<string> PathsNamed(IReadOnlyList<MappedFile> maps, string fileName) =>
        maps.Select(m => m.Path).Where(p => Path.GetFileName(p) == fileName).Distinct().ToList();

    /// <summary>The mapped file that holds <paramref name="address"/>, or null when no file does.</summary>
    /// <param name="maps">Ranges from <see cref="Read"/>.</param>
    /// <param name="address">An address in this process, such as a function pointer.</param>
    /// <returns>The path of the file, or null.</returns>
    public static string? FileHolding(IReadOnlyList<MappedFile> maps, nint address) =>
        maps.FirstOrDefault(m => m.Contains(address))?.Path;

    // A line is "start-end perms offset device inode path"; the path may hold spaces and is absent for anonymous memory.
    private static MappedFile? Parse(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6)
        {
            return null;
        }

        var path = fields[5].Trim();
        var range = fields[0].Split('-');
        if (!path.StartsWith('/') || range.Length != 2
            || !ulong.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
        {
            return null;
        }

        return new MappedFile(start, end, path);
    }
}
