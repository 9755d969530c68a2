using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// The machine's practical FP32 peaks, as pytorch_side.py measures them: SGEMM at 2048×2048
/// (<c>mm</c>, which libtorch hands to the system BLAS), a 1×1 convolution of [64, 2048, 8, 8] by
/// 2048 filters and a 3×3 convolution (padding 1) of [128, 512, 4, 4] by 512 filters (both
/// oneDNN). Each runs once untimed, then until at least two calls and two seconds have passed.
/// </summary>
internal static class PeakBenchmark
{
    private const long GemmSide = 2048;
    private const int MinReps = 2;
    private static readonly TimeSpan MinTime = TimeSpan.FromSeconds(2);

    private static readonly (string Key, long[] Input, long Filters, long Kernel)[] Convolutions =
    [
        ("conv1x1_gflops", [64, 2048, 8, 8], 2048, 1),
        ("conv3x3_gflops", [128, 512, 4, 4], 512, 3),
    ];

    public static ResultLine Run(CompareOptions options)
    {
        manual_seed(0);
        var line = new ResultLine(options, "-", BenchMode.Peak);
        using var noGrad = no_grad();
        using (var a = randn([GemmSide, GemmSide]))
        using (var b = randn([GemmSide, GemmSide]))
        {
            line.With("sgemm_2048_gflops", GigaFlops(() => a.mm(b), 2.0 * GemmSide * GemmSide * GemmSide));
        }

        foreach (var (key, shape, filters, kernel) in Convolutions)
        {
            using var x = randn(shape);
            using var w = randn([filters, shape[1], kernel, kernel]);
            var flops = 2.0 * shape[0] * shape[2] * shape[3] * shape[1] * filters * kernel * kernel;
            line.With(key, GigaFlops(() => nn.functional.conv2d(x, w, padding: [kernel / 2]), flops));
        }

        return line;
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
