using MtlSharing.Selectors;
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Routing;

public sealed partial class MultiTaskModel
{
    private bool? fansOut;

    /// <summary>
    /// Whether <see cref="forward_all"/> runs the blocks that all tasks share once and branches
    /// after them. True when the backbone is a chain of blocks (<see cref="IBlockChain"/>, as every
    /// backbone of MtlSharing.Backbones is); otherwise <see cref="forward_all"/> runs
    /// <c>forward(input, task)</c> for each task. Worked out on first use, since the switches are
    /// placed once when the plan is applied.
    /// </summary>
    public bool FansOut => fansOut ??=
        backbone is IBlockChain chain && router.Tasks.All(task => chain.Blocks.All(paths => paths.All(path => ModuleFor(path, task) is not null)));

    /// <summary>
    /// Runs one batch through every task and returns each task's outputs, equal to
    /// <c>forward(input, task)</c>. When <see cref="FansOut"/>, the blocks every task shares run
    /// once; from the first block with task-specific copies on, each task (or each group of tasks
    /// that still uses the same copies) runs its own branch. With a top-specific(k) layout the
    /// cost is then about one backbone plus T − 1 times the top k blocks.
    /// </summary>
    /// <remarks>
    /// Autograd works through the shared part: backpropagating the sum of the task losses gives the
    /// gradients of summing the losses of separate <c>forward(input, task)</c> calls. In training
    /// mode a shared BatchNorm updates its running statistics once per call, not once per task.
    /// </remarks>
    /// <param name="input">One batch that every task receives.</param>
    /// <returns>The outputs (logits) per task, in task order.</returns>
    /// <exception cref="ArgumentException">The batch is a scalar, empty, or has a shape the backbone rejects.</exception>
    public Dictionary<string, Tensor> forward_all(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() == 0 || input.shape[0] == 0)
        {
            throw new ArgumentException($"forward_all needs a non-empty batch; got shape [{string.Join(", ", input.shape)}]", nameof(input));
        }

        using var scope = NewDisposeScope();
        var outputs = FansOut
            ? FanOut((IBlockChain)backbone, input)
            : router.Tasks.ToDictionary(task => task, task => forward(input, task), StringComparer.Ordinal);
        foreach (var output in outputs.Values)
        {
            scope.MoveToOuter(output);
        }

        return outputs;
    }

    private Dictionary<string, Tensor> FanOut(IBlockChain chain, Tensor input)
    {
        chain.CheckInput(input);
        var lanes = new List<Lane> { new(router.Tasks.ToList(), input) };
        foreach (var paths in chain.Blocks)
        {
            var deciding = switches.Where(s => paths.Any(path => LayerCatalog.IsWithin(path, s.Path) || LayerCatalog.IsWithin(s.Path, path))).ToList();
            lanes = Advance(lanes, deciding, input, (task, x) => RunBlock(paths, task, x));
        }

        lanes = Advance(lanes, switches, input, (task, x) =>
        {
            using (router.Route(task))
            {
                return chain.ForwardTail(x);
            }
        });

        var byTask = lanes.SelectMany(lane => lane.Tasks.Select(task => (task, lane.Output))).ToDictionary(e => e.task, e => e.Output, StringComparer.Ordinal);
        return router.Tasks.ToDictionary(task => task, task => heads[task].call(byTask[task]), StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs one step for every lane, splitting a lane where its tasks use different copies of a
    /// deciding switch; then frees the lanes' previous outputs.
    /// </summary>
    private static List<Lane> Advance(List<Lane> lanes, List<TaskSwitch> deciding, Tensor input, Func<string, Tensor, Tensor> step)
    {
        var next = new List<Lane>();
        foreach (var lane in lanes)
        {
            foreach (var tasks in SplitByBranch(lane.Tasks, deciding))
            {
                next.Add(new Lane(tasks, step(tasks[0], lane.Output)));
            }
        }

        foreach (var lane in lanes.Where(l => !ReferenceEquals(l.Output, input) && !next.Any(n => ReferenceEquals(n.Output, l.Output))))
        {
            lane.Output.Dispose();
        }

        return next;
    }

    private static List<List<string>> SplitByBranch(List<string> tasks, List<TaskSwitch> deciding)
    {
        var groups = new List<List<string>>();
        foreach (var task in tasks)
        {
            var group = groups.FirstOrDefault(g => deciding.All(s => ReferenceEquals(s.BranchFor(g[0]), s.BranchFor(task))));
            if (group is null)
            {
                groups.Add([task]);
            }
            else
            {
                group.Add(task);
            }
        }

        return groups;
    }

    /// <summary>Applies a block's modules in order, as the given task sees them.</summary>
    private Tensor RunBlock(IReadOnlyList<string> paths, string task, Tensor input)
    {
        using (router.Route(task))
        {
            var x = input;
            foreach (var path in paths)
            {
                var output = ModuleFor(path, task)!.call(x);
                Intermediate.Release(x, input, output);
                x = output;
            }

            return x;
        }
    }

    /// <summary>The module a task runs at a backbone path: switches on the way resolve to the task's copy.</summary>
    private nn.Module<Tensor, Tensor>? ModuleFor(string path, string task)
    {
        nn.Module? module = backbone;
        foreach (var name in path.Split('.'))
        {
            module = module.named_children().FirstOrDefault(c => c.name == name).module;
            if (module is TaskSwitch taskSwitch)
            {
                module = taskSwitch.BranchFor(task);
            }
            else if (module is null)
            {
                return null;
            }
        }

        return module as nn.Module<Tensor, Tensor>;
    }

    /// <summary>Tasks that, so far, ran the same copies, and the output they share.</summary>
    private sealed record Lane(List<string> Tasks, Tensor Output);
}
