using MtlSharing.Application;
using MtlSharing.Selectors;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Plans;

/// <summary>
/// An immutable description of hard-parameter sharing: the tasks, each task's head, rules that map
/// layers to sharing modes, and options. Layers no rule names are shared by all tasks.
/// Methods such as <see cref="PerTask(LayerSelector)"/> return a new plan; <see cref="Apply"/>
/// turns a backbone into a <see cref="Routing.MultiTaskModel"/>.
/// </summary>
public sealed class SharingPlan
{
    private SharingPlan(IReadOnlyList<string> tasks, Func<string, nn.Module<Tensor, Tensor>> headFactory, IReadOnlyList<SharingRule> rules, SharingPlanOptions options)
    {
        Tasks = tasks;
        HeadFactory = headFactory;
        Rules = rules;
        Options = options;
    }

    /// <summary>The task names, in order.</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>Makes the head of a task; it receives the backbone's output.</summary>
    public Func<string, nn.Module<Tensor, Tensor>> HeadFactory { get; }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<SharingRule> Rules { get; }

    /// <summary>The options.</summary>
    public SharingPlanOptions Options { get; }

    /// <summary>Starts a plan in which every layer is shared and each task has its own head.</summary>
    /// <param name="tasks">Distinct, non-empty task names without dots.</param>
    /// <param name="headFactory">Makes a task's head, e.g. <c>task =&gt; nn.Linear(512, classes[task])</c>.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan For(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> headFactory)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(headFactory);
        var list = tasks.ToArray();
        TaskNames.Validate(list);
        return new SharingPlan(list, headFactory, [], new SharingPlanOptions());
    }

    /// <summary>Adds a rule.</summary>
    /// <param name="selector">Which layers.</param>
    /// <param name="mode">How the tasks use them.</param>
    /// <returns>A new plan.</returns>
    public SharingPlan With(LayerSelector selector, SharingMode mode)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(mode);
        return new SharingPlan(Tasks, HeadFactory, [.. Rules, new SharingRule(selector, mode)], Options);
    }

    /// <summary>Replaces the options.</summary>
    /// <param name="options">The new options.</param>
    /// <returns>A new plan.</returns>
    public SharingPlan With(SharingPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SharingPlan(Tasks, HeadFactory, Rules, options);
    }

    /// <summary>Gives each task its own copy of the selected layers.</summary>
    /// <param name="selector">Which layers.</param>
    /// <returns>A new plan.</returns>
    public SharingPlan PerTask(LayerSelector selector) => With(selector, SharingMode.PerTask);

    /// <summary>Gives each task its own copy of the layers at a path or glob.</summary>
    /// <param name="pathOrGlob">A dotted path ("layer1" covers all under it) or a glob ("*.bn*").</param>
    /// <returns>A new plan.</returns>
    public SharingPlan PerTask(string pathOrGlob) => PerTask(Select(pathOrGlob));

    /// <summary>Gives each group of tasks its own copy of the selected layers.</summary>
    /// <param name="selector">Which layers.</param>
    /// <param name="groups">A partition of the tasks.</param>
    /// <returns>A new plan.</returns>
    public SharingPlan Groups(LayerSelector selector, params IEnumerable<string>[] groups) => With(selector, SharingMode.Groups(groups));

    /// <summary>Gives each group of tasks its own copy of the layers at a path or glob.</summary>
    /// <param name="pathOrGlob">A dotted path or a glob.</param>
    /// <param name="groups">A partition of the tasks.</param>
    /// <returns>A new plan.</returns>
    public SharingPlan Groups(string pathOrGlob, params IEnumerable<string>[] groups) => Groups(Select(pathOrGlob), groups);

    /// <summary>Shares the selected layers and excludes them from training.</summary>
    /// <param name="selector">Which layers.</param>
    /// <returns>A new plan.</returns>
    public SharingPlan Freeze(LayerSelector selector) => With(selector, SharingMode.Frozen);

    /// <summary>Shares the layers at a path or glob and excludes them from training.</summary>
    /// <param name="pathOrGlob">A dotted path or a glob.</param>
    /// <returns>A new plan.</returns>
    public SharingPlan Freeze(string pathOrGlob) => Freeze(Select(pathOrGlob));

    /// <summary>
    /// Checks the plan against a backbone without changing anything, and reports the parameters
    /// the applied model would have.
    /// </summary>
    /// <param name="backbone">The backbone.</param>
    /// <returns>The exact parameter report.</returns>
    public Reports.ParameterReport Describe(nn.Module backbone) => PlanResolver.Resolve(this, backbone).Report(backbone, this);

    /// <summary>
    /// Validates the plan completely, then swaps each task-specific layer of the backbone for a
    /// switch holding one copy per task or group, and freezes frozen layers. The backbone's own
    /// forward is unchanged. On a bad plan it throws <see cref="ArgumentException"/> and the
    /// backbone is left untouched. The returned model owns the backbone.
    /// </summary>
    /// <param name="backbone">Any module whose forward maps a batch to features; the heads receive those features.</param>
    /// <returns>The multi-task model.</returns>
    public Routing.MultiTaskModel Apply(nn.Module<Tensor, Tensor> backbone) => PlanApplier.Apply(this, backbone);

    /// <summary>
    /// The plan's tasks, rules and options as JSON, as written beside every checkpoint. The heads'
    /// factory is code and is not saved; a rule with a predicate or type selector is saved by its
    /// description and cannot be read back.
    /// </summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson() => PlanDocument.Of(this).ToJson();

    /// <summary>Reads a plan written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="headFactory">Makes each task's head (heads are code, not saved).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="FormatException">The text is not a plan's JSON, or names an unknown mode or selector.</exception>
    /// <exception cref="NotSupportedException">A rule's selector is code (a predicate) and cannot be read back.</exception>
    public static SharingPlan FromJson(string json, Func<string, nn.Module<Tensor, Tensor>> headFactory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(headFactory);
        var document = PlanDocument.Parse(json);
        var plan = For(document.Tasks, headFactory).With(document.Options.ToOptions());
        return document.Rules.Aggregate(plan, (p, rule) => rule.ToRule() is var r ? p.With(r.Selector, r.Mode) : p);
    }

    /// <summary>
    /// The first way a plan saved as JSON differs from this one (tasks, then rules in order, then
    /// options), in words; null when they are the same.
    /// </summary>
    /// <param name="savedJson">A plan's JSON, e.g. the one beside a checkpoint.</param>
    /// <returns>The difference, or null.</returns>
    /// <exception cref="FormatException">The text is not a plan's JSON.</exception>
    public string? DifferenceFrom(string savedJson)
    {
        ArgumentNullException.ThrowIfNull(savedJson);
        return PlanDocument.Parse(savedJson).DifferenceFrom(PlanDocument.Of(this), "the saved plan", "this model's plan");
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Tasks.Count} tasks ({string.Join(", ", Tasks)}); " + (Rules.Count == 0 ? "all layers shared" : string.Join("; ", Rules));

    private static LayerSelector Select(string pathOrGlob)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrGlob);
        return pathOrGlob.AsSpan().IndexOfAny('*', '?') >= 0 ? LayerSelector.Glob(pathOrGlob) : LayerSelector.Prefix(pathOrGlob);
    }
}
