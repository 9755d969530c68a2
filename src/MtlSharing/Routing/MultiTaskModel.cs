using MtlSharing.Plans;
using MtlSharing.Reports;
using TorchSharp;
using TorchSharp.Modules;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>
/// A backbone whose task-specific layers were swapped for <see cref="TaskSwitch"/>es, plus one
/// head per task. Made by <see cref="SharingPlan.Apply"/>.
/// <para>
/// state_dict keys: shared layers keep their backbone paths under <c>backbone.</c>; a per-task
/// copy of layer <c>L</c> is <c>backbone.L.tasks.&lt;task&gt;.…</c>, a group copy
/// <c>backbone.L.groups.&lt;a+b&gt;.…</c>; heads are <c>heads.&lt;task&gt;.…</c>.
/// </para>
/// </summary>
public sealed partial class MultiTaskModel : nn.Module
{
    private readonly nn.Module<Tensor, Tensor> backbone;
    private readonly ModuleDict<nn.Module<Tensor, Tensor>> heads;
    private readonly TaskRouter router;
    private readonly List<TaskSwitch> switches;
    private readonly Dictionary<string, SharingMode> frozenModes;
    private bool disposed;

    internal MultiTaskModel(SharingPlan plan, nn.Module<Tensor, Tensor> backbone, IReadOnlyDictionary<string, nn.Module<Tensor, Tensor>> heads, IReadOnlyList<TaskSwitch> switches, IEnumerable<string> frozenPaths, TaskRouter router)
        : base(nameof(MultiTaskModel))
    {
        Plan = plan;
        this.backbone = backbone;
        this.router = router;
        this.switches = switches.ToList();
        frozenModes = frozenPaths.ToDictionary(p => p, _ => SharingMode.Frozen, StringComparer.Ordinal);
        this.heads = nn.ModuleDict<nn.Module<Tensor, Tensor>>();
        foreach (var (task, head) in heads)
        {
            this.heads.Add(task, head);
        }

        register_module("backbone", backbone);
        register_module("heads", this.heads);
    }

    /// <summary>Registers nothing more: the backbone and heads are registered explicitly.</summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>
    /// What keeps a state dict from loading into this model strictly (missing and unexpected
    /// entries, and entries of other shapes, each listed), or null when it fits.
    /// </summary>
    /// <param name="state">The entries, keyed as <c>state_dict()</c> keys them.</param>
    /// <returns>The mismatch in words, or null.</returns>
    public string? StateDictMismatch(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return StateDictFit.Problems(this, state, strict: true);
    }

    /// <summary>
    /// Copies the entries into this model, after checking all of them: a state dict that does not
    /// fit (with <paramref name="strict"/>, a missing or unexpected entry; always, an entry of
    /// another shape) changes nothing and throws an <see cref="ArgumentException"/> that lists the
    /// mismatches. (TorchSharp's own check names none, and a wrong shape failed midway.)
    /// </summary>
    /// <param name="source">The entries.</param>
    /// <param name="strict">Whether every entry of the model must be given, and no other.</param>
    /// <param name="skip">Keys to leave out.</param>
    /// <returns>The missing and unexpected keys (empty when strict).</returns>
    public override (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var considered = skip is null ? source : source.Where(e => !skip.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (StateDictFit.Problems(this, considered, strict && skip is null) is { } problems)
        {
            throw new ArgumentException($"the state dict does not fit this model: {problems}; nothing was loaded", nameof(source));
        }

        return base.load_state_dict(source, strict, skip);
    }

    /// <summary>The plan this model was made from.</summary>
    public SharingPlan Plan { get; }

    /// <summary>The tasks, in order (including tasks added later).</summary>
    public IReadOnlyList<string> Tasks => router.Tasks;

    /// <summary>The backbone, with its task-specific layers switched.</summary>
    public nn.Module<Tensor, Tensor> Backbone => backbone;

    /// <summary>The task switches, in module order.</summary>
    public IReadOnlyList<TaskSwitch> Switches => switches;

    /// <summary>A task's head.</summary>
    /// <param name="task">The task.</param>
    /// <returns>Its head.</returns>
    public nn.Module<Tensor, Tensor> Head(string task) => heads[RequireTask(task)];

    /// <summary>
    /// Whether a parameter or buffer of the backbone lies outside every task switch: a layer that
    /// concatenating task batches runs once for all tasks. Worked out on first use and kept by the
    /// router until the tasks change.
    /// </summary>
    private bool SharesLayers => router.Remember(nameof(SharesLayers), () =>
        backbone.named_parameters().Select(p => p.name).Concat(backbone.named_buffers().Select(b => b.name))
            .Any(name => !switches.Any(s => s.Path.Length == 0 || name.StartsWith(s.Path + ".", StringComparison.Ordinal))));

    /// <summary>
    /// The one tensor every task was given, when the call names every task with the same batch
    /// (multi-label data): then the shared blocks run once on it (<see cref="forward_all"/>)
    /// instead of on T copies, with the same outputs and gradients.
    /// </summary>
    private Tensor? SharedBatch(IReadOnlyDictionary<string, Tensor> batches)
    {
        var first = batches.Values.First();
        return batches.Count == router.Tasks.Count && batches.Values.All(b => ReferenceEquals(b, first)) ? first : null;
    }

    /// <summary>Runs one task's batch through the shared layers, the task's copies and its head.</summary>
    /// <param name="input">The batch.</param>
    /// <param name="task">The task.</param>
    /// <returns>The task's outputs (logits).</returns>
    public Tensor forward(Tensor input, string task)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireTask(task);
        Tensor features;
        using (router.Route(task))
        {
            features = backbone.call(input);
        }

        var output = heads[task].call(features);
        Intermediate.Release(features, input, output);
        return output;
    }

    /// <summary>
    /// Runs a batch per task in one call. With <see cref="SharingPlanOptions.ConcatenateTaskBatches"/>
    /// the batches are concatenated, the shared layers run once, and the samples split only at
    /// task-specific layers; otherwise each task runs separately. When no layer of the backbone is
    /// shared (an Independent layout), each task also runs separately: the results are the same
    /// and nothing is copied together and apart again. When every task is given the very same
    /// tensor, the shared blocks run once on it, as <see cref="forward_all"/> does.
    /// </summary>
    /// <param name="batches">A batch per task; batch shapes must agree after dimension 0 when concatenating.</param>
    /// <returns>The outputs per task.</returns>
    public Dictionary<string, Tensor> forward(IReadOnlyDictionary<string, Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
        {
            throw new ArgumentException("no task batches given", nameof(batches));
        }

        foreach (var task in batches.Keys)
        {
            RequireTask(task);
        }

        if (!Plan.Options.ConcatenateTaskBatches || batches.Count == 1 || !SharesLayers)
        {
            return batches.ToDictionary(b => b.Key, b => forward(b.Value, b.Key), StringComparer.Ordinal);
        }

        if (SharedBatch(batches) is { } shared && FansOut)
        {
            return forward_all(shared);
        }

        using var scope = NewDisposeScope();
        var tasks = batches.Keys.ToList();
        var sizes = tasks.Select(t => batches[t].shape.Length == 0 ? throw new ArgumentException($"the batch of task '{t}' is a scalar", nameof(batches)) : batches[t].shape[0]).ToArray();
        var input = cat(tasks.Select(t => batches[t]).ToList());
        var ordinals = tensor(tasks.SelectMany((t, i) => Enumerable.Repeat((long)router.OrdinalOf(t), (int)sizes[i])).ToArray());
        Tensor features;
        using (router.RouteMixed(ordinals))
        {
            features = backbone.call(input);
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        long offset = 0;
        for (var i = 0; i < tasks.Count; i++)
        {
            var part = features.narrow(0, offset, sizes[i]);
            result[tasks[i]] = heads[tasks[i]].call(part).MoveToOuterDisposeScope();
            offset += sizes[i];
        }

        return result;
    }

    /// <summary>
    /// Runs a mixed batch: sample i belongs to task <c>Tasks[taskIndex[i]]</c>. Shared layers run
    /// once on the whole batch; the samples split only at task-specific layers and come back in
    /// their original order.
    /// </summary>
    /// <param name="input">The batch.</param>
    /// <param name="taskIndex">An int64 tensor of shape [batch] holding task ordinals.</param>
    /// <returns>The outputs per task present, with their positions.</returns>
    public MixedBatchOutput forward(Tensor input, Tensor taskIndex)
    {
        ArgumentNullException.ThrowIfNull(input);
        ValidateTaskIndex(input, taskIndex);
        using var scope = NewDisposeScope();
        Tensor features;
        using (router.RouteMixed(taskIndex))
        {
            features = backbone.call(input);
        }

        var logits = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var positions = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var t = 0; t < router.Tasks.Count; t++)
        {
            var where = taskIndex.eq(t).nonzero().flatten();
            if (where.numel() == 0)
            {
                continue;
            }

            var task = router.Tasks[t];
            logits[task] = heads[task].call(features.index_select(0, where)).MoveToOuterDisposeScope();
            positions[task] = where.MoveToOuterDisposeScope();
        }

        return new MixedBatchOutput(logits, positions, input.shape[0]);
    }

    /// <summary>The exact parameter report of this model; layers the plan froze are labelled frozen, as in <see cref="SharingPlan.Describe"/>.</summary>
    /// <returns>Per layer, per task, per group and totals.</returns>
    public ParameterReport Report() =>
        ParameterReport.Build(router.Tasks, ParameterCounting.Rows(backbone, frozenModes), router.Tasks.Select(t => (t, ParameterCounting.Count(heads[t]))));

    /// <summary>The parameters every task shares (shared and frozen layers).</summary>
    /// <returns>The shared parameters.</returns>
    public IEnumerable<Parameter> SharedParameters()
    {
        var specific = switches.SelectMany(s => s.parameters()).ToHashSet(ReferenceEqualityComparer.Instance);
        return backbone.parameters().Where(p => !specific.Contains(p));
    }

    /// <summary>The parameters only one task uses: its per-task copies and its head (not group copies).</summary>
    /// <param name="task">The task.</param>
    /// <returns>Its own parameters.</returns>
    public IEnumerable<Parameter> TaskParameters(string task)
    {
        RequireTask(task);
        var own = switches.Where(s => s.Mode is SharingMode.PerTaskMode).SelectMany(s => s.BranchFor(task).parameters());
        return own.Concat(heads[task].parameters());
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            foreach (var taskSwitch in switches)
            {
                taskSwitch.Template.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private string RequireTask(string task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return router.Tasks.Contains(task) ? task : throw new ArgumentException(TaskNames.Unknown(task, router.Tasks), nameof(task));
    }

    private void ValidateTaskIndex(Tensor input, Tensor taskIndex)
    {
        ArgumentNullException.ThrowIfNull(taskIndex);
        if (taskIndex.dtype != ScalarType.Int64 || taskIndex.dim() != 1)
        {
            throw new ArgumentException($"taskIndex must be a 1-D int64 tensor; got {taskIndex}", nameof(taskIndex));
        }

        if (input.dim() == 0 || taskIndex.shape[0] != input.shape[0] || input.shape[0] == 0)
        {
            throw new ArgumentException($"taskIndex has {taskIndex.shape[0]} entries but the batch has shape [{string.Join(", ", input.shape)}]; give one task ordinal per sample", nameof(taskIndex));
        }

        using var min = taskIndex.min();
        using var max = taskIndex.max();
        var (low, high) = (min.ToInt64(), max.ToInt64());
        if (low < 0 || high >= router.Tasks.Count)
        {
            throw new ArgumentException($"taskIndex holds ordinal {(low < 0 ? low : high)}; valid ordinals are 0–{router.Tasks.Count - 1} ({string.Join(", ", router.Tasks)})", nameof(taskIndex));
        }
    }
}
