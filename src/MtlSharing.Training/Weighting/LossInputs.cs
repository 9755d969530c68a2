using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>Checks of the per-task losses handed to <see cref="LossWeighting.Backward"/>.</summary>
internal static class LossInputs
{
    /// <summary>The losses in the dictionary's order, after checking each is a one-element tensor.</summary>
    public static List<(string Task, Tensor Loss)> Check(IReadOnlyDictionary<string, Tensor> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
        {
            throw new ArgumentException("no task losses given; pass the loss of at least one task", nameof(losses));
        }

        var result = new List<(string, Tensor)>(losses.Count);
        foreach (var (task, loss) in losses)
        {
            if (loss is null)
            {
                throw new ArgumentException($"the loss of task '{task}' is null", nameof(losses));
            }

            if (loss.numel() != 1)
            {
                throw new ArgumentException($"the loss of task '{task}' has shape [{string.Join(", ", loss.shape)}]; a loss must be a scalar", nameof(losses));
            }

            result.Add((task, loss));
        }

        return result;
    }

    /// <summary>The losses in the order of the model's tasks, after checking each belongs to the model.</summary>
    public static List<(string Task, Tensor Loss)> InModelOrder(IReadOnlyDictionary<string, Tensor> losses, MultiTaskModel model)
    {
        var checkedLosses = Check(losses);
        foreach (var (task, _) in checkedLosses)
        {
            RequireModelTask(task, model, nameof(losses));
        }

        return checkedLosses.OrderBy(l => IndexOf(model.Tasks, l.Task)).ToList();
    }

    /// <summary>Throws unless the model has the task.</summary>
    public static void RequireModelTask(string task, MultiTaskModel model, string parameterName)
    {
        if (IndexOf(model.Tasks, task) < 0)
        {
            throw new ArgumentException($"unknown task '{task}'; the model's tasks are {string.Join(", ", model.Tasks)}", parameterName);
        }
    }

    /// <summary>Runs backward on Σ_t weight(t)·L_t and returns the weights used.</summary>
    public static Dictionary<string, double> BackwardWeightedSum(IReadOnlyList<(string Task, Tensor Loss)> losses, Func<string, double> weight)
    {
        var weights = losses.ToDictionary(l => l.Task, l => weight(l.Task), StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        Tensor? total = null;
        foreach (var (task, loss) in losses)
        {
            var term = loss.mul(weights[task]);
            total = total is null ? term : total.add(term);
        }

        total!.backward();
        return weights;
    }

    /// <summary>The model that <see cref="LossWeighting.Initialize"/> stored, or a plain error naming the method.</summary>
    public static MultiTaskModel Require(MultiTaskModel? model, string method) =>
        model ?? throw new InvalidOperationException($"{method} needs the model: call Initialize(model) before Backward");

    private static int IndexOf(IReadOnlyList<string> tasks, string task)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (string.Equals(tasks[i], task, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
