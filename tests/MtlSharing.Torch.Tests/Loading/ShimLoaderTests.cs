using System.Runtime.InteropServices;
using MtlSharing.Torch.Native;

namespace MtlSharing.Torch.Tests.Loading;

public sealed class ShimLoaderTests : IDisposable
{
    private readonly ShimFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void A_shim_whose_libtorch_is_missing_raises_TorchNotInstalledException()
    {
        var shim = files.WithoutLibtorch();

        var act = () => ShimLoader.Load([shim]);

        var error = act.Should().Throw<TorchNotInstalledException>().Which;
        error.Should().BeAssignableTo<DllNotFoundException>();
        error.MissingLibrary.Should().Be("libc10.so.9.99");
        error.ShimPath.Should().Be(shim);
        error.Message.Should().Contain("sudo apt-get install libtorch1.13").And.Contain("libc10.so.9.99").And.Contain(shim);
        error.InnerException.Should().BeOfType<DllNotFoundException>();
    }

    [Fact]
    public void A_missing_shim_names_every_place_looked()
    {
        var first = Path.Combine(files.Folder, "a", "libmtlshim.so");
        var second = Path.Combine(files.Folder, "b", "libmtlshim.so");

        var act = () => ShimLoader.Load([first, second]);

        var error = act.Should().Throw<DllNotFoundException>().Which;
        error.Should().NotBeOfType<TorchNotInstalledException>();
        error.Message.Should().Contain(first).And.Contain(second).And.Contain("runtimes/linux-x64/native/").And.Contain("MtlSharing.Torch package");
    }

    [Fact]
    public void A_broken_shim_reports_the_loader_error_not_a_missing_libtorch()
    {
        var broken = files.NotALibrary();

        var act = () => ShimLoader.Load([broken]);

        var error = act.Should().Throw<DllNotFoundException>().Which;
        error.Should().NotBeOfType<TorchNotInstalledException>();
        error.Message.Should().Contain($"the native shim '{broken}' exists but could not be loaded");
    }

    [Fact]
    public void The_first_existing_candidate_is_loaded()
    {
        var missing = Path.Combine(files.Folder, "none", "libmtlshim.so");

        var handle = ShimLoader.Load([missing, ShimFiles.RealShim]);

        handle.Should().NotBe(IntPtr.Zero);
        NativeLibrary.GetExport(handle, "mts_set_num_threads").Should().NotBe(IntPtr.Zero);
    }

    [Fact]
    public void Candidates_look_in_the_package_layout_first_then_beside_the_assembly()
    {
        var assembly = typeof(Tensor).Assembly;
        var folder = Path.GetDirectoryName(assembly.Location)!;

        var candidates = ShimLoader.Candidates(assembly);

        candidates[0].Should().Be(Path.Combine(folder, "runtimes", "linux-x64", "native", "libmtlshim.so"));
        candidates[1].Should().Be(Path.Combine(folder, "libmtlshim.so"));
        candidates.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_resolver_leaves_other_libraries_to_the_default_search()
    {
        ShimLoader.Resolve("libm", typeof(Tensor).Assembly, null).Should().Be(IntPtr.Zero);
    }

    [Fact]
    public void The_resolver_loads_the_shim_once_and_returns_it_again()
    {
        var handle = ShimLoader.Resolve(ShimLoader.LibraryName, typeof(Tensor).Assembly, null);

        handle.Should().NotBe(IntPtr.Zero);
        ShimLoader.Resolve(ShimLoader.LibraryName, typeof(Tensor).Assembly, null).Should().Be(handle);
    }

    [Theory]
    [InlineData("libc10.so.1.13: cannot open shared object file: No such file or directory", "libc10.so.1.13")]
    [InlineData("Unable to load shared library '/x/libmtlshim.so' or one of its dependencies.\n libtorch_cpu.so.1.13: cannot open shared object file: No such file or directory", "libtorch_cpu.so.1.13")]
    [InlineData("libtorch.so: cannot open shared object file: No such file or directory", "libtorch.so")]
    [InlineData("libopenblas.so.0: cannot open shared object file: No such file or directory", null)]
    [InlineData("/x/libmtlshim.so: invalid ELF header", null)]
    public void Loader_messages_that_name_a_missing_libtorch_library_are_recognised(string message, string? library)
    {
        ShimLoader.MissingTorchLibrary(message).Should().Be(library);
    }
}
