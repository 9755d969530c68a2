using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// Checks a dataset's labels against the model's heads before training: labels are int64 class
/// indices below the head's class count, or -100 for a missing label, and every task has at
/// least one labelled sample. A head's class count is the width of its output for one sample,
/// run in eval mode without gradients (so no statistics change).
/// </summary>
internal sealed class LabelScan(MultiTaskModel model)
{
    /// <summary>How many samples to load at once while scanning.</summary>
    public const int ChunkSize = 1024;

    /// <summary>The label of a sample without a label for a task.</summary>
    public const long Missing = -100;

    private readonly Dictionary<string, long> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> labelled = new(StringComparer.Ordinal);

    /// <summary>Checks one chunk of a task's labels.</summary>
    /// <param name="task">The task.</param>
    /// <param name="inputs">The chunk's inputs (used once per task to find the head's class count).</param>
    /// <param name="labels">The chunk's labels for the task.</param>
    /// <param name="firstSample">The dataset index of the chunk's first sample (the scan runs in order).</param>
    public void Check(string task, Tensor inputs, Tensor labels, long firstSample)
    {
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || inputs.dim() == 0 || labels.shape[0] != inputs.shape[0])
        {
            throw new ArgumentException($"the labels of task '{task}' must be an int64 vector with one class index per sample; got {labels.dtype} of shape [{string.Join(", ", labels.shape)}] for inputs of shape [{string.Join(", ", inputs.shape)}]");
        }

        if (!classes.TryGetValue(task, out var count))
        {
            count = ClassesOf(task, inputs);
            classes[task] = count;
        }

        var values = labels.ToArrayOf<long>();
        var found = 0L;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == Missing)
            {
                continue;
            }

            if (values[i] < 0 || values[i] >= count)
            {
                throw new ArgumentException($"task '{task}': sample {firstSample + i} has label {values[i]}, but the task's head gives {count} classes; labels must be 0–{count - 1}, or {Missing} for a missing label");
            }

            found++;
        }

        labelled[task] = labelled.GetValueOrDefault(task) + found;
    }

    /// <summary>Throws unless each task got at least one labelled sample.</summary>
    /// <param name="tasks">The tasks scanned.</param>
    public void RequireLabelled(IEnumerable<string> tasks)
    {
        foreach (var task in tasks)
        {
            if (labelled.GetValueOrDefault(task) == 0)
            {
                throw new ArgumentException($"task '{task}' has no data: every one of its labels is {Missing} (missing), so it has nothing to train on");
            }
        }
    }

    /// <summary>The indices of consecutive chunks of at most <see cref="ChunkSize"/> samples covering samples 0 to count - 1.</summary>
    /// <param name="count">The number of samples.</param>
    /// <returns>The chunks' indices.</returns>
    public static IEnumerable<long[]> Chunks(long count)
    {
        for (var start = 0L; start < count; start += ChunkSize)
        {
            var length = (int)Math.Min(ChunkSize, count - start);
            var indices = new long[length];
            for (var i = 0; i < length; i++)
            {
                indices[i] = start + i;
            }

            yield return indices;
        }
    }

    private long ClassesOf(string task, Tensor inputs)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var logits = model.forward(inputs.narrow(0, 0, 1), task);
            if (logits.dim() != 2)
            {
                throw new ArgumentException($"the head of task '{task}' gives outputs of shape [{string.Join(", ", logits.shape)}] for one sample; the trainer's cross-entropy needs [batch, classes] logits");
            }

            return logits.shape[1];
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            throw new ArgumentException($"the model cannot run a sample of task '{task}' (inputs of shape [{string.Join(", ", inputs.shape.Skip(1))}]): {e.Message}", e);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
