using System.Diagnostics;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Compare;

/// <summary>
/// The machine's practical FP32 peaks, as pytorch_side.py measures them: SGEMM at 2048×2048
/// (<c>mm</c>, which libtorch hands to the system BLAS) and a 1×1 convolution of
/// [32, 512, 32, 32] by 512 filters (oneDNN). Each runs once untimed, then until at least two
/// calls and two seconds have passed.
/// </summary>
internal static class PeakBenchmark
{
    private const long GemmSide = 2048;
    private const long ConvBatch = 32;
    private const long ConvChannels = 512;
    private const long ConvSide = 32;
    private const int MinReps = 2;
    private static readonly TimeSpan MinTime = TimeSpan.FromSeconds(2);

    public static ResultLine Run(CompareOptions options)
    {
        manual_seed(0);
        using var a = randn([GemmSide, GemmSide]);
        using var b = randn([GemmSide, GemmSide]);
        using var x = randn([ConvBatch, ConvChannels, ConvSide, ConvSide]);
        using var w = randn([ConvChannels, ConvChannels, 1, 1]);
        using var noGrad = no_grad();
        var sgemm = GigaFlops(() => a.mm(b), 2.0 * GemmSide * GemmSide * GemmSide);
        var conv = GigaFlops(() => nn.functional.conv2d(x, w), 2.0 * ConvBatch * ConvSide * ConvSide * ConvChannels * ConvChannels);
        return new ResultLine(options, "-", BenchMode.Peak)
            .With("sgemm_2048_gflops", sgemm)
            .With("conv1x1_gflops", conv);
    }

    private static double GigaFlops(Func<Tensor> operation, double flops)
    {
        operation().Dispose();
        var reps = 0;
        var clock = Stopwatch.StartNew();
        while (reps < MinReps || clock.Elapsed < MinTime)
        {
            operation().Dispose();
            reps++;
        }

        return flops * reps / clock.Elapsed.TotalSeconds / 1e9;
    }
}
