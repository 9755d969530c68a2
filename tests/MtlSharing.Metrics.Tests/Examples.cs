namespace MtlSharing.Metrics.Tests;

/// <summary>Small batches shared by the tests, with their hand-worked predictions.</summary>
internal static class Examples
{
    // Five samples, three classes. Argmax (first maximal index on ties) and the outcome:
    //   s0 [2.0, 1.0, 0.1] target 0 -> predicted 0, correct
    //   s1 [0.5, 2.5, 0.3] target 2 -> predicted 1, wrong
    //   s2 [1.0, 1.0, 0.0] target 1 -> tie of classes 0 and 1, predicted 0, wrong
    //   s3 [0.0, 0.2, 3.0] target 2 -> predicted 2, correct
    //   s4 [0.7, 0.7, 0.7] target 0 -> three-way tie, predicted 0, correct
    // Accuracy 3/5 = 0.6.
    public static readonly float[,] ThreeClassLogits =
    {
        { 2.0f, 1.0f, 0.1f },
        { 0.5f, 2.5f, 0.3f },
        { 1.0f, 1.0f, 0.0f },
        { 0.0f, 0.2f, 3.0f },
        { 0.7f, 0.7f, 0.7f },
    };

    public static readonly long[] ThreeClassTargets = [0, 2, 1, 2, 0];

    // Seven samples, four classes; class 3 is never a target (but s6 is predicted as 3).
    //   s0 [3, 1, 0, 0] t0 -> p0      s4 [1, 0, 0, 0] t1 -> p0
    //   s1 [0, 2, 1, 0] t1 -> p1      s5 [0, 0, 0, 0] t0 -> p0 (four-way tie)
    //   s2 [0, 3, 1, 0] t2 -> p1      s6 [0, 0, 0, 9] t0 -> p3
    //   s3 [0, 0, 5, 1] t2 -> p2
    // Counts (rows true, columns predicted):
    //   t0: s0, s5 -> p0; s6 -> p3      [2, 0, 0, 1]
    //   t1: s4 -> p0; s1 -> p1          [1, 1, 0, 0]
    //   t2: s2 -> p1; s3 -> p2          [0, 1, 1, 0]
    //   t3: none                        [0, 0, 0, 0]
    public static readonly float[,] FourClassLogits =
    {
        { 3, 1, 0, 0 },
        { 0, 2, 1, 0 },
        { 0, 3, 1, 0 },
        { 0, 0, 5, 1 },
        { 1, 0, 0, 0 },
        { 0, 0, 0, 0 },
        { 0, 0, 0, 9 },
    };

    public static readonly long[] FourClassTargets = [0, 1, 2, 2, 1, 0, 0];

    public static readonly long[,] FourClassCounts =
    {
        { 2, 0, 0, 1 },
        { 1, 1, 0, 0 },
        { 0, 1, 1, 0 },
        { 0, 0, 0, 0 },
    };

    public static Tensor Logits(float[,] values) => from_array(values);

    public static Tensor Targets(params long[] values) => tensor(values);

    public static Tensor Mask(params bool[] values) => tensor(values);

    /// <summary>Rows [start, start + length) of a batch, as new tensors.</summary>
    public static (Tensor Logits, Tensor Targets) Rows(float[,] logits, long[] targets, int start, int length) =>
        (Logits(logits).narrow(0, start, length), Targets(targets).narrow(0, start, length));
}
