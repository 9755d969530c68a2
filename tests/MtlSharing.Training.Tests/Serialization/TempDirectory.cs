namespace MtlSharing.Training.Tests.Serialization;

/// <summary>A fresh directory under the system's temporary folder, deleted with its content on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("mtlsharing-files-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of the entries in the directory, sorted.</summary>
    public string[] FileNames() =>
        Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
