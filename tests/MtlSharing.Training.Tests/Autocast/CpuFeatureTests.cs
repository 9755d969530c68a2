using System.Runtime.InteropServices;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>The bfloat16 hardware check, against the flags the Linux kernel reports.</summary>
public sealed class CpuFeatureTests
{
    [Fact]
    public void Fast_bfloat16_support_agrees_with_proc_cpuinfo_on_linux_and_is_false_off_x64()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Autocast.CpuSupportsFastBFloat16.Should().BeFalse();
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var flags = File.ReadLines("/proc/cpuinfo")
            .First(l => l.StartsWith("flags", StringComparison.Ordinal))
            .Split(':')[1]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Autocast.CpuSupportsFastBFloat16.Should().Be(flags.Contains("avx512_bf16") || flags.Contains("amx_bf16"));
    }
}
