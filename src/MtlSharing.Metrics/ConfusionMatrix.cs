using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Metrics;

/// <summary>
/// A streaming confusion matrix: <c>counts[t, p]</c> is the number of counted samples of true class
/// t predicted as class p (rows are true classes, columns predicted classes). The predicted class is
/// the argmax of the logits, the lowest index on ties, as <c>torch.argmax</c> does.
/// </summary>
public sealed class ConfusionMatrix : IClassificationMetric
{
    private readonly ClassificationOptions options;
    private readonly long[,] counts;

    /// <summary>Creates an empty matrix.</summary>
    /// <param name="numClasses">The number of classes C; logits must have exactly C columns.</param>
    /// <param name="options">The ignore index; <see cref="ClassificationOptions.Default"/> when null.</param>
    public ConfusionMatrix(int numClasses, ClassificationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        NumClasses = numClasses;
        counts = new long[numClasses, numClasses];
        this.options = options ?? ClassificationOptions.Default;
    }

    /// <summary>The number of classes C.</summary>
    public int NumClasses { get; }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <summary>The number of counted samples of class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    /// <param name="trueClass">The row: a true class in [0, C).</param>
    /// <param name="predictedClass">The column: a predicted class in [0, C).</param>
    /// <returns>The count.</returns>
    public long this[int trueClass, int predictedClass]
    {
        get
        {
            CheckClass(trueClass, nameof(trueClass));
            CheckClass(predictedClass, nameof(predictedClass));
            return counts[trueClass, predictedClass];
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Also when the logits do not have <see cref="NumClasses"/> columns.</exception>
    public void Update(Tensor logits, Tensor targets, Tensor? mask = null) =>
        Accumulate(ClassificationBatch.Read(logits, targets, mask, options));

    /// <summary>A copy of the counts, [C, C], rows true classes and columns predicted classes.</summary>
    /// <returns>A new array.</returns>
    public long[,] ToArray() => (long[,])counts.Clone();

    /// <summary>The number of counted samples whose true class is <paramref name="trueClass"/> (a row sum).</summary>
    /// <param name="trueClass">A class in [0, C).</param>
    /// <returns>The count.</returns>
    public long Support(int trueClass)
    {
        CheckClass(trueClass, nameof(trueClass));
        var total = 0L;
        for (var p = 0; p < NumClasses; p++)
        {
            total += counts[trueClass, p];
        }

        return total;
    }

    /// <summary>
    /// The accuracy within each true class (its recall): <c>counts[c, c] / Support(c)</c>.
    /// A class with no counted samples has no accuracy and gets <see cref="double.NaN"/>.
    /// </summary>
    /// <returns>C values in [0, 1], or NaN for absent classes.</returns>
    public double[] PerClassAccuracy()
    {
        var result = new double[NumClasses];
        for (var c = 0; c < NumClasses; c++)
        {
            var support = Support(c);
            result[c] = support == 0 ? double.NaN : (double)counts[c, c] / support;
        }

        return result;
    }

    /// <summary>The mean of <see cref="PerClassAccuracy"/> over the classes that have samples (NaNs are left out).</summary>
    /// <returns>The macro-averaged accuracy in [0, 1].</returns>
    /// <exception cref="InvalidOperationException">No sample has been counted.</exception>
    public double MacroAccuracy()
    {
        MetricGuard.RequireSamples(Count, "confusion matrix");
        return PerClassAccuracy().Where(a => !double.IsNaN(a)).Average();
    }

    /// <summary>The fraction of all counted samples on the diagonal: the same value as <see cref="Accuracy"/>.</summary>
    /// <returns>The accuracy in [0, 1].</returns>
    /// <exception cref="InvalidOperationException">No sample has been counted.</exception>
    public double OverallAccuracy()
    {
        MetricGuard.RequireSamples(Count, "confusion matrix");
        var diagonal = 0L;
        for (var c = 0; c < NumClasses; c++)
        {
            diagonal += counts[c, c];
        }

        return (double)diagonal / Count;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(counts);
        Count = 0;
    }

    /// <summary>
    /// Renders the matrix as aligned plain text: one row per true class, one column per predicted
    /// class, then each class's accuracy ("n/a" for a class with no samples).
    /// </summary>
    /// <param name="classNames">C class names; the class indices when null.</param>
    /// <returns>The text, lines ending with '\n'.</returns>
    public string ToText(IReadOnlyList<string>? classNames = null) => BuildTable(classNames).ToText();

    /// <summary>Renders the matrix as a Markdown table, laid out as <see cref="ToText"/>.</summary>
    /// <param name="classNames">C class names; the class indices when null.</param>
    /// <returns>The Markdown, lines ending with '\n'.</returns>
    public string ToMarkdown(IReadOnlyList<string>? classNames = null) => BuildTable(classNames).ToMarkdown();

    /// <summary>Counts an already validated batch.</summary>
    internal void Accumulate(ClassificationBatch batch)
    {
        CheckClasses(batch);
        var predictions = batch.Predictions;
        for (var i = 0; i < batch.Count; i++)
        {
            counts[batch.Targets[i], predictions[i]]++;
        }

        Count += batch.Count;
    }

    /// <summary>Throws unless the batch's logits have <see cref="NumClasses"/> columns.</summary>
    internal void CheckClasses(ClassificationBatch batch)
    {
        if (batch.Classes != NumClasses)
        {
            throw new ArgumentException(
                $"logits have {batch.Classes} classes but the confusion matrix has {NumClasses}", "logits");
        }
    }

    private TextTable BuildTable(IReadOnlyList<string>? classNames)
    {
        var names = ClassNames(classNames);
        var table = new TextTable(1, [@"true \ predicted", .. names, "accuracy"]);
        var accuracy = PerClassAccuracy();
        for (var t = 0; t < NumClasses; t++)
        {
            var cells = new string[NumClasses + 2];
            cells[0] = names[t];
            for (var p = 0; p < NumClasses; p++)
            {
                cells[p + 1] = counts[t, p].ToString(CultureInfo.InvariantCulture);
            }

            cells[^1] = double.IsNaN(accuracy[t]) ? "n/a" : PercentFormat.Format(accuracy[t]);
            table.AddRow(cells);
        }

        return table;
    }

    private string[] ClassNames(IReadOnlyList<string>? classNames)
    {
        if (classNames is null)
        {
            return Enumerable.Range(0, NumClasses).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        }

        if (classNames.Count != NumClasses || classNames.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException(
                $"need {NumClasses} non-empty class names; got {classNames.Count}: {string.Join(", ", classNames)}", nameof(classNames));
        }

        return [.. classNames];
    }

    private void CheckClass(int value, string name)
    {
        if (value < 0 || value >= NumClasses)
        {
            throw new ArgumentOutOfRangeException(name, value, $"a class index must be in [0, {NumClasses})");
        }
    }
}
