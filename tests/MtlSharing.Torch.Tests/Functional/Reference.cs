namespace MtlSharing.Torch.Tests.Functional;

/// <summary>Plain, loop-by-loop implementations used as independent references in the tests.</summary>
internal static class Reference
{
    /// <summary>The error function by its Maclaurin series (accurate to about 1e-12 for |x| ≤ 3).</summary>
    public static double Erf(double x)
    {
        double sum = 0;
        double power = x;
        double factorial = 1;
        for (var n = 0; n < 80; n++)
        {
            sum += (n % 2 == 0 ? 1 : -1) * power / (factorial * ((2 * n) + 1));
            power *= x * x;
            factorial *= n + 1;
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>Exact GELU: x · Φ(x) = x/2 · (1 + erf(x/√2)).</summary>
    public static double Gelu(double x) => 0.5 * x * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>
    /// Direct 2-D cross-correlation as PyTorch defines conv2d: input [n, cin, h, w] and weight
    /// [cout, cin/groups, kh, kw], both row-major; returns the output values and its height and width.
    /// </summary>
    public static (double[] Values, int Height, int Width) Conv2d(
        double[] input, int n, int cin, int h, int w,
        double[] weight, int cout, int kh, int kw,
        double[]? bias, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, int groups)
    {
        var outH = ((h + (2 * padding.H) - (dilation.H * (kh - 1)) - 1) / stride.H) + 1;
        var outW = ((w + (2 * padding.W) - (dilation.W * (kw - 1)) - 1) / stride.W) + 1;
        var cinPerGroup = cin / groups;
        var coutPerGroup = cout / groups;
        var output = new double[n * cout * outH * outW];
        for (var b = 0; b < n; b++)
        {
            for (var oc = 0; oc < cout; oc++)
            {
                var group = oc / coutPerGroup;
                for (var oy = 0; oy < outH; oy++)
                {
                    for (var ox = 0; ox < outW; ox++)
                    {
                        var sum = bias?[oc] ?? 0;
                        for (var ic = 0; ic < cinPerGroup; ic++)
                        {
                            var channel = (group * cinPerGroup) + ic;
                            for (var ky = 0; ky < kh; ky++)
                            {
                                for (var kx = 0; kx < kw; kx++)
                                {
                                    var y = (oy * stride.H) - padding.H + (ky * dilation.H);
                                    var x = (ox * stride.W) - padding.W + (kx * dilation.W);
                                    if (y < 0 || y >= h || x < 0 || x >= w)
                                    {
                                        continue;
                                    }

                                    sum += input[(((b * cin) + channel) * h * w) + (y * w) + x]
                                        * weight[(((oc * cinPerGroup) + ic) * kh * kw) + (ky * kw) + kx];
                                }
                            }
                        }

                        output[(((b * cout) + oc) * outH * outW) + (oy * outW) + ox] = sum;
                    }
                }
            }
        }

        return (output, outH, outW);
    }

    /// <summary>Natural log of the softmax of one row of logits.</summary>
    public static double[] LogSoftmax(double[] logits)
    {
        var max = logits.Max();
        var logSum = max + Math.Log(logits.Sum(v => Math.Exp(v - max)));
        return logits.Select(v => v - logSum).ToArray();
    }
}
