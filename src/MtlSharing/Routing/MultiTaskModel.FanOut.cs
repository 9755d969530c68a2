using MtlSharing.Selectors;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

public sealed partial class MultiTaskModel
{
    /// <summary>
    /// Whether <see cref="forward_all"/> runs the blocks that all tasks share once and branches
    /// after them. True when the backbone is a chain of blocks (<see cref="IBlockChain"/>, as every
    /// backbone of MtlSharing.Backbones is); otherwise <see cref="forward_all"/> runs
    /// <c>forward(input, task)</c> for each task.
    /// </summary>
    public bool FansOut => Route is not null;

    /// <summary>
    /// The blocks, the switches that decide each, and the module every task runs at every block
    /// path; null when the model does not fan out. Worked out on first use and kept by the router
    /// until the tasks change.
    /// </summary>
    private FanOutRoute? Route => router.Remember(nameof(FanOutRoute), () => FanOutRoute.Of(this));

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
        var outputs = Route is { } route
            ? FanOut(route, input)
            : router.Tasks.ToDictionary(task => task, task => forward(input, task), StringComparer.Ordinal);
        foreach (var output in outputs.Values)
        {
            scope.MoveToOuter(output);
        }

        return outputs;
    }

    private Dictionary<string, Tensor> FanOut(FanOutRoute route, Tensor input)
    {
        route.Chain.CheckInput(input);
        var lanes = new List<Lane> { new(router.Tasks.ToList(), input) };
        foreach (var block in route.Blocks)
        {
            lanes = Advance(lanes, block.Deciding, input, (task, x) => RunBlock(route, block.Paths, task, x));
        }

        lanes = Advance(lanes, switches, input, (task, x) =>
        {
            using (router.Route(task))
            {
                return route.Chain.ForwardTail(x);
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
    private Tensor RunBlock(FanOutRoute route, IReadOnlyList<string> paths, string task, Tensor input)
    {
        using (router.Route(task))
        {
            var x = input;
            foreach (var path in paths)
            {
                var output = route.Modules[(path, task)].call(x);
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

    /// <summary>One block of the chain and the task switches inside it or around it, which decide whether tasks part there.</summary>
    private sealed record RouteBlock(IReadOnlyList<string> Paths, List<TaskSwitch> Deciding);

    /// <summary>What <see cref="forward_all"/> walks: the chain's blocks and each task's module at each block path.</summary>
    private sealed record FanOutRoute(IBlockChain Chain, List<RouteBlock> Blocks, Dictionary<(string Path, string Task), nn.Module<Tensor, Tensor>> Modules)
    {
        /// <summary>The route of a model, or null when its backbone is no chain or a task cannot reach a module at some block path.</summary>
        public static FanOutRoute? Of(MultiTaskModel model)
        {
            if (model.backbone is not IBlockChain chain)
            {
                return null;
            }

            var modules = new Dictionary<(string Path, string Task), nn.Module<Tensor, Tensor>>();
            foreach (var task in model.router.Tasks)
            {
                foreach (var path in chain.Blocks.SelectMany(paths => paths))
                {
                    if (model.ModuleFor(path, task) is not { } module)
                    {
                        return null;
                    }

                    modules[(path, task)] = module;
                }
            }

            var blocks = chain.Blocks
                .Select(paths => new RouteBlock(paths, model.switches.Where(s => paths.Any(path => LayerCatalog.IsWithin(path, s.Path) || LayerCatalog.IsWithin(s.Path, path))).ToList()))
                .ToList();
            return new FanOutRoute(chain, blocks, modules);
        }
    }
}
