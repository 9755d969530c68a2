namespace MtlSharing.Docs.Tests.Examples;

/// <summary>
/// Makes a new empty folder the current directory until disposed, then restores the previous one
/// and deletes the folder; so an example can use relative file names, as a package README does,
/// without writing into the repository or the build output. The examples run one at a time
/// (AssemblyInfo.cs), so no other test sees the change.
/// </summary>
internal sealed class ScratchDirectory : IDisposable
{
    private readonly string previous = Environment.CurrentDirectory;

    /// <summary>Creates the folder and makes it the current directory.</summary>
    public ScratchDirectory()
    {
        Path = Directory.CreateTempSubdirectory("mtlsharing-docs-").FullName;
        Environment.CurrentDirectory = Path;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Restores the previous current directory and deletes the folder with everything in it.</summary>
    public void Dispose()
    {
        Environment.CurrentDirectory = previous;
        Directory.Delete(Path, recursive: true);
    }
}
