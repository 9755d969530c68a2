namespace MtlSharing.Training.Tests.Data;

/// <summary>A fresh directory under the system's temporary folder, deleted with its content on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("mtlsharing-data-").FullName;
    }

    public string Path { get; }

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
