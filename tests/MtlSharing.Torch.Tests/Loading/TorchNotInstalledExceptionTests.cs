namespace MtlSharing.Torch.Tests.Loading;

public sealed class TorchNotInstalledExceptionTests
{
    [Fact]
    public void The_message_names_the_missing_library_the_package_and_the_way_to_rebuild()
    {
        var error = new TorchNotInstalledException("libtorch_cpu.so.1.13", "/app/runtimes/linux-x64/native/libmtlshim.so", null);

        error.Message.Should().Be(
            "libtorch is not installed: the native shim '/app/runtimes/linux-x64/native/libmtlshim.so' needs libtorch_cpu.so.1.13, " +
            "which the system loader cannot find. Install it with 'sudo apt-get install libtorch1.13' (Debian 12, Ubuntu), " +
            "or rebuild the shim against your own libtorch with the CMake project in native/ (see the MtlSharing.Torch package README).");
        error.Should().BeAssignableTo<DllNotFoundException>("callers that catch DllNotFoundException still catch it");
        TorchNotInstalledException.RuntimePackage.Should().Be("libtorch1.13");
    }
}
