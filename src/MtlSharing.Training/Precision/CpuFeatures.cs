using System.Runtime.Intrinsics.X86;

namespace MtlSharing.Training;

/// <summary>Processor features that decide whether bfloat16 is fast, read once with CPUID.</summary>
internal static class CpuFeatures
{
    private const int Avx512Bf16Bit = 5;
    private const int AmxBf16Bit = 22;

    private static readonly Lazy<bool> FastBFloat16 = new(Detect);

    /// <summary>AVX512-BF16 (CPUID leaf 7, subleaf 1, EAX bit 5) or AMX-BF16 (leaf 7, subleaf 0, EDX bit 22).</summary>
    public static bool HasFastBFloat16 => FastBFloat16.Value;

    private static bool Detect()
    {
        // Avx512F.IsSupported also means the operating system saves the 512-bit registers.
        if (!X86Base.IsSupported || !Avx512F.IsSupported || X86Base.CpuId(0, 0).Eax < 7)
        {
            return false;
        }

        var (maxSubleaf, _, _, edx) = X86Base.CpuId(7, 0);
        var amx = (edx & (1 << AmxBf16Bit)) != 0;
        var avx512 = maxSubleaf >= 1 && (X86Base.CpuId(7, 1).Eax & (1 << Avx512Bf16Bit)) != 0;
        return avx512 || amx;
    }
}
