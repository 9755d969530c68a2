using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Metrics;

/// <summary>
/// One validated batch of logits and targets, copied into managed arrays so that no tensor is kept.
/// Only the counted samples (not skipped by the ignore index or the mask) are kept.
/// </summary>
/// <remarks>
/// Classes are ranked by score, highest first, with equal scores ordered by the lower class index
/// first. This is the order <c>torch.argmax</c> uses (it returns the first maximal index), so the
/// predicted class is the class of rank 0 and top-1 accuracy equals accuracy even under ties.
/// </remarks>
internal sealed class ClassificationBatch
{
    private readonly double[] scores;
    private int[]? predictions;

    private ClassificationBatch(int classes, int[] targets, double[] scores)
    {
        Classes = classes;
        Targets = targets;
        this.scores = scores;
    }

    /// <summary>The number of classes C.</summary>
    public int Classes { get; }

    /// <summary>The number of counted samples.</summary>
    public int Count => Targets.Length;

    /// <summary>The target class of each counted sample.</summary>
    public int[] Targets { get; }

    /// <summary>The predicted class (first index of the maximal score) of each counted sample.</summary>
    public int[] Predictions => predictions ??= ComputePredictions();

    /// <summary>
    /// The rank of the target class among all classes of counted sample <paramref name="sample"/>:
    /// the number of classes scoring higher, plus the lower-indexed classes scoring the same.
    /// </summary>
    /// <param name="sample">The index of a counted sample.</param>
    /// <returns>0 when the target is the predicted class, up to C − 1.</returns>
    public int TargetRank(int sample)
    {
        var row = Row(sample);
        var target = Targets[sample];
        var score = row[target];
        var rank = 0;
        for (var c = 0; c < row.Length; c++)
        {
            if (row[c] > score || (c < target && row[c] == score))
            {
                rank++;
            }
        }

        return rank;
    }

    /// <summary>Validates a batch and copies the counted samples out of the tensors.</summary>
    /// <param name="logits">Scores [N, C] of a floating-point type.</param>
    /// <param name="targets">Class indices [N], int64.</param>
    /// <param name="mask">Optional bool [N]; true marks the samples to count.</param>
    /// <param name="options">The ignore index.</param>
    /// <returns>The batch.</returns>
    public static ClassificationBatch Read(Tensor logits, Tensor targets, Tensor? mask, ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(logits.IsInvalid, logits);
        ObjectDisposedException.ThrowIf(targets.IsInvalid, targets);
        ObjectDisposedException.ThrowIf(mask?.IsInvalid == true, mask!);
        var (n, classes) = CheckLogits(logits);
        CheckTargets(targets, logits, n);
        if (mask is not null)
        {
            CheckMask(mask, n);
        }

        var allTargets = targets.ToArrayOf<long>();
        var keep = mask?.ToArrayOf<bool>();
        var counted = new List<int>(allTargets.Length);
        for (var i = 0; i < allTargets.Length; i++)
        {
            if ((keep is null || keep[i]) && allTargets[i] != options.IgnoreIndex)
            {
                counted.Add(i);
            }
        }

        var countedTargets = new int[counted.Count];
        for (var k = 0; k < counted.Count; k++)
        {
            var target = allTargets[counted[k]];
            if (target < 0 || target >= classes)
            {
                throw new ArgumentException(
                    $"target {target} at index {counted[k]} is outside [0, {classes}) for logits with {classes} classes; "
                    + $"mark a missing label with the ignore index ({Describe(options.IgnoreIndex)}) or the mask",
                    nameof(targets));
            }

            countedTargets[k] = (int)target;
        }

        return new ClassificationBatch(classes, countedTargets, CopyCountedRows(logits, counted, classes));
    }

    private static (int N, int Classes) CheckLogits(Tensor logits)
    {
        var shape = logits.shape;
        if (shape.Length != 2)
        {
            throw new ArgumentException($"logits must have shape [N, C]; got {Shape(shape)}", nameof(logits));
        }

        if (!is_floating_point(logits.dtype))
        {
            throw new ArgumentException($"logits must be a floating-point tensor; got {logits.dtype} {Shape(shape)}", nameof(logits));
        }

        if (shape[1] < 1)
        {
            throw new ArgumentException($"logits need at least one class; got shape {Shape(shape)}", nameof(logits));
        }

        return (checked((int)shape[0]), checked((int)shape[1]));
    }

    private static void CheckTargets(Tensor targets, Tensor logits, int n)
    {
        var shape = targets.shape;
        if (shape.Length != 1 || shape[0] != n)
        {
            throw new ArgumentException(
                $"targets must have shape [{n}] to match logits {Shape(logits.shape)}; got {Shape(shape)}", nameof(targets));
        }

        if (targets.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"targets must be int64 class indices; got {targets.dtype}", nameof(targets));
        }
    }

    private static void CheckMask(Tensor mask, int n)
    {
        var shape = mask.shape;
        if (mask.dtype != ScalarType.Bool || shape.Length != 1 || shape[0] != n)
        {
            throw new ArgumentException(
                $"mask must be a Bool tensor of shape [{n}]; got {mask.dtype} {Shape(shape)}", nameof(mask));
        }
    }

    private static double[] CopyCountedRows(Tensor logits, List<int> counted, int classes)
    {
        double[] all;
        using (var detached = logits.detach())
        using (var asDouble = detached.to(ScalarType.Float64))
        {
            all = asDouble.ToArrayOf<double>();
        }

        var rows = new double[counted.Count * classes];
        for (var k = 0; k < counted.Count; k++)
        {
            var source = all.AsSpan(counted[k] * classes, classes);
            if (HasNaN(source))
            {
                throw new ArgumentException(
                    $"logits of sample {counted[k]} contain NaN; classes cannot be ranked by a NaN score", nameof(logits));
            }

            source.CopyTo(rows.AsSpan(k * classes, classes));
        }

        return rows;
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    private int[] ComputePredictions()
    {
        var result = new int[Count];
        for (var i = 0; i < result.Length; i++)
        {
            var row = Row(i);
            var best = 0;
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            result[i] = best;
        }

        return result;
    }

    private ReadOnlySpan<double> Row(int sample) => scores.AsSpan(sample * Classes, Classes);

    private static string Describe(long? ignoreIndex) => ignoreIndex is { } value ? value.ToString(CultureInfo.InvariantCulture) : "disabled";

    internal static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
