using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>
/// The one owner of a model's routing: the tasks, the state its task switches share during one
/// forward call (one task for the whole batch, or a task per sample), and every route worked out
/// from the model's structure, which it forgets whenever the tasks change. Not thread-safe: one
/// forward call at a time.
/// </summary>
internal sealed class TaskRouter
{
    private readonly Dictionary<string, SampleSplit> splits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> routes = new(StringComparer.Ordinal);
    private Tensor? taskIndex;

    public TaskRouter(IEnumerable<string> tasks)
    {
        this.tasks = tasks.ToList();
    }

    /// <summary>The tasks, in ordinal order (ordinals index mixed batches).</summary>
    public IReadOnlyList<string> Tasks => tasks;

    private readonly List<string> tasks;

    /// <summary>A task's ordinal, or -1.</summary>
    public int OrdinalOf(string task) => tasks.IndexOf(task);

    /// <summary>Adds a task at the next ordinal, and forgets every remembered route.</summary>
    public void AddTask(string task)
    {
        tasks.Add(task);
        routes.Clear();
    }

    /// <summary>A route worked out from the model's structure: computed on first use, kept until the tasks change.</summary>
    public T Remember<T>(string name, Func<T> work)
    {
        if (!routes.TryGetValue(name, out var known))
        {
            known = work();
            routes[name] = known;
        }

        return (T)known!;
    }

    /// <summary>The task of the whole batch, when routing one task.</summary>
    public string? CurrentTask { get; private set; }

    /// <summary>Whether a mixed batch (a task per sample) is being routed.</summary>
    public bool IsMixed => taskIndex is not null;

    /// <summary>Routes every sample to one task until the returned scope is disposed.</summary>
    public IDisposable Route(string task)
    {
        EnsureIdle();
        CurrentTask = task;
        return new Scope(this);
    }

    /// <summary>Routes each sample to the task whose ordinal it carries until the scope is disposed.</summary>
    public IDisposable RouteMixed(Tensor ordinals)
    {
        EnsureIdle();
        taskIndex = ordinals;
        return new Scope(this);
    }

    /// <summary>
    /// How the current mixed batch splits over the branches of a switch whose branch for task
    /// ordinal t is <paramref name="branchOfTask"/>[t]. Computed once per distinct assignment per call.
    /// </summary>
    public SampleSplit SplitFor(int[] branchOfTask, int branchCount)
    {
        var index = taskIndex ?? throw new InvalidOperationException("no mixed batch is being routed");
        var key = string.Join(",", branchOfTask);
        if (!splits.TryGetValue(key, out var split))
        {
            split = SampleSplit.Compute(index, branchOfTask, branchCount);
            splits[key] = split;
        }

        return split;
    }

    private void EnsureIdle()
    {
        if (CurrentTask is not null || taskIndex is not null)
        {
            throw new InvalidOperationException("a multi-task forward call is already running on this model; calls cannot be nested or concurrent");
        }
    }

    private void Reset()
    {
        CurrentTask = null;
        taskIndex = null;
        foreach (var split in splits.Values)
        {
            split.Dispose();
        }

        splits.Clear();
    }

    private sealed class Scope(TaskRouter router) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                router.Reset();
            }
        }
    }
}
