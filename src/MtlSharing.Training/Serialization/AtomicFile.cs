namespace MtlSharing.Training.Serialization;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file in the same directory,
/// is flushed to disk, and is then renamed over the target. A failure or crash at any point
/// leaves the previous file as it was, and a failure removes the temporary file.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    public static void Write(string path, Action<Stream> write)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{target}' names a root directory, not a file", nameof(path));
        if (Directory.Exists(target))
        {
            throw new IOException($"cannot write '{target}': it is a directory");
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"cannot write '{target}': the directory '{directory}' does not exist");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    // A failure to clean up must not hide the failure that caused it.
    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file keeps its '.tmp' name and never replaces the target.
        }
    }
}
