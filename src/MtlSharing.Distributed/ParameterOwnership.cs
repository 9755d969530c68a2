using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Distributed;

/// <summary>
/// Which tasks use each parameter and buffer of a model: a per-task copy belongs to its task, a
/// group copy to the group's tasks, a head to its task, everything else to every task. Found by
/// walking each task's branch of every <see cref="TaskSwitch"/> and each head, by reference.
/// </summary>
internal sealed class ParameterOwnership
{
    private readonly Dictionary<Tensor, HashSet<string>> owners = new(ReferenceEqualityComparer.Instance);
    private readonly IReadOnlyList<string> allTasks;

    public ParameterOwnership(MultiTaskModel model)
    {
        allTasks = model.Tasks;
        foreach (var task in model.Tasks)
        {
            var modules = model.Switches.Select(s => (nn.Module)s.BranchFor(task)).Append(model.Head(task));
            foreach (var module in modules)
            {
                foreach (var tensor in module.parameters().Cast<Tensor>().Concat(module.buffers()))
                {
                    if (!owners.TryGetValue(tensor, out var tasks))
                    {
                        owners[tensor] = tasks = new HashSet<string>(StringComparer.Ordinal);
                    }

                    tasks.Add(task);
                }
            }
        }
    }

    /// <summary>The tasks that use the tensor: every task for shared layers and for tensors outside the model (a loss weighting's).</summary>
    public IReadOnlyCollection<string> TasksOf(Tensor tensor) => owners.TryGetValue(tensor, out var tasks) ? tasks : allTasks;
}
