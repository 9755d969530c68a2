using MtlSharing.Plans;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>
/// Takes the place of one task-specific layer in a backbone. It holds one copy of the layer per
/// task (registered as <c>tasks.&lt;task&gt;</c>) or per group (<c>groups.&lt;a+b&gt;</c>) and runs
/// the copy of the task being routed; in a mixed batch it splits the samples by branch and puts
/// the outputs back in batch order.
/// </summary>
public sealed class TaskSwitch : nn.Module<Tensor, Tensor>
{
    private readonly TaskRouter router;
    private readonly ModuleDict<nn.Module<Tensor, Tensor>> branches;
    private readonly Dictionary<string, string> branchOfTask;

    internal TaskSwitch(string path, SharingMode mode, nn.Module<Tensor, Tensor> template, IReadOnlyDictionary<string, nn.Module<Tensor, Tensor>> copies, IReadOnlyDictionary<string, string> branchOfTask, TaskRouter router)
        : base(nameof(TaskSwitch))
    {
        Path = path;
        Mode = mode;
        Template = template;
        this.router = router;
        this.branchOfTask = new Dictionary<string, string>(branchOfTask, StringComparer.Ordinal);
        branches = nn.ModuleDict<nn.Module<Tensor, Tensor>>();
        foreach (var (name, copy) in copies)
        {
            branches.Add(name, copy);
        }

        register_module(mode is SharingMode.GroupsMode ? "groups" : "tasks", branches);
    }

    /// <summary>
    /// Registers nothing more: the branches are registered explicitly, and the <see cref="Template"/>
    /// must stay out of the parameters. (TorchSharp registers every module-valued field when a
    /// module joins a parent; this switch joins the backbone in place of the layer.)
    /// </summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>The layer's path in the backbone.</summary>
    public string Path { get; }

    /// <summary>Per task or per groups (with its partition).</summary>
    public SharingMode Mode { get; private set; }

    /// <summary>The original layer, kept outside the parameters, as a template for new tasks.</summary>
    public nn.Module<Tensor, Tensor> Template { get; }

    /// <summary>The branch names: task names, or group names such as "birds+cars".</summary>
    public IReadOnlyList<string> BranchNames => branches.Keys.ToList();

    /// <summary>The copy a task runs.</summary>
    /// <param name="task">The task.</param>
    /// <returns>Its branch.</returns>
    public nn.Module<Tensor, Tensor> BranchFor(string task) =>
        branches[branchOfTask.TryGetValue(task, out var name) ? name : throw new ArgumentException(Plans.TaskNames.Unknown(task, branchOfTask.Keys), nameof(task))];

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (router.CurrentTask is { } task)
        {
            return BranchFor(task).call(input);
        }

        if (!router.IsMixed)
        {
            throw new InvalidOperationException($"the task-specific layer '{Path}' ran outside a multi-task call; call MultiTaskModel.forward with a task");
        }

        return ForwardMixed(input);
    }

    /// <summary>Adds a branch for a new task, copied from a template; for groups the task gets a group of its own.</summary>
    internal void AddTask(string task, nn.Module<Tensor, Tensor> copy)
    {
        branches.Add(task, copy);
        branches.register_module(task, copy);
        branchOfTask[task] = task;
        if (Mode is SharingMode.GroupsMode groups)
        {
            Mode = SharingMode.Groups(new TaskPartition([.. groups.Partition.Groups, [task]]));
        }
    }

    private Tensor ForwardMixed(Tensor input)
    {
        var names = branches.Keys.ToList();
        var assignment = router.Tasks.Select(t => names.IndexOf(branchOfTask[t])).ToArray();
        var split = router.SplitFor(assignment, names.Count);
        var outputs = new List<Tensor>(names.Count);
        for (var b = 0; b < names.Count; b++)
        {
            if (split.Positions[b] is { } positions)
            {
                using var part = input.index_select(0, positions);
                outputs.Add(branches[names[b]].call(part));
            }
        }

        if (split.Inverse is null)
        {
            return outputs[0];
        }

        using var joined = cat(outputs);
        foreach (var output in outputs)
        {
            output.Dispose();
        }

        return joined.index_select(0, split.Inverse);
    }
}
