using System.Text;

namespace MtlSharing.Torch.Tests.Loading;

/// <summary>Copies of the real native shim, made in a temporary folder that is deleted on dispose.</summary>
internal sealed class ShimFiles : IDisposable
{
    public ShimFiles()
    {
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The shim the tests run on, copied next to them by the build.</summary>
    public static string RealShim => Path.Combine(AppContext.BaseDirectory, "libmtlshim.so");

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mtlshim-loading-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// A copy of the shim whose dependency on libc10.so.1.13 reads libc10.so.9.99 instead: the
    /// loader then fails exactly as on a machine without libtorch 1.13. The name has the same
    /// length, so the ELF file stays valid.
    /// </summary>
    public string WithoutLibtorch(string folderName = "hidden-libtorch")
    {
        var bytes = File.ReadAllBytes(RealShim);
        var found = Replace(bytes, "libc10.so.1.13\0", "libc10.so.9.99\0");
        found.Should().BeGreaterThan(0, "the shim names libc10.so.1.13 among its dependencies");
        return Write(folderName, bytes);
    }

    /// <summary>A file named like the shim that is not a shared library at all.</summary>
    public string NotALibrary() => Write("not-a-library", Encoding.ASCII.GetBytes("this is not an ELF file"));

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private string Write(string folderName, byte[] bytes)
    {
        var folder = Path.Combine(Folder, folderName);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "libmtlshim.so");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static int Replace(byte[] bytes, string from, string to)
    {
        var pattern = Encoding.ASCII.GetBytes(from);
        var replacement = Encoding.ASCII.GetBytes(to);
        var count = 0;
        for (var at = bytes.AsSpan().IndexOf(pattern); at >= 0;)
        {
            replacement.CopyTo(bytes, at);
            count++;
            var next = bytes.AsSpan(at + pattern.Length).IndexOf(pattern);
            at = next < 0 ? -1 : at + pattern.Length + next;
        }

        return count;
    }
}
