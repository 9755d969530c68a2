using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharing.Routing;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Distributed;

/// <summary>
/// Multi-task training across the ranks of a <see cref="DistributedWorld"/>, given to the trainer as
/// <see cref="TrainerOptions.Distributed"/>. Rank 0's parameters are broadcast at the start, after a
/// check that every rank built the same model, plan and placement. After each backward pass every
/// gradient is summed in buckets over the ranks that train a task using it and divided by the
/// placement's replication, which makes it the gradient of the whole step's loss: with every task
/// everywhere (data parallelism) that is the average over ranks; with tasks sharded, shared layers
/// are reduced over all ranks and a task's own layers only among its ranks.
/// <para>
/// Each rank loads its own data: <see cref="LoaderOptions"/> gives a task's loader its shard. Rank
/// 0 logs, reports progress and writes checkpoints, and every rank resumes from them; when ranks
/// train different tasks, each also writes its own optimizer state beside rank 0's file
/// (<c>last.rank1.pt</c>), since no other rank holds it. BatchNorm uses each
/// rank's batch statistics (as DistributedDataParallel without SyncBatchNorm), and running statistics
/// are averaged over ranks after every step.
/// </para>
/// </summary>
public sealed class DistributedTraining : IDistributedTraining, IDisposable
{
    private readonly DistributedWorld world;
    private readonly DistributedTrainingOptions options;
    private readonly ILogger logger;
    private readonly Stopwatch communication = new();
    private IReadOnlyList<Parameter> trained = [];
    private ReductionGroups? groups;
    private ParameterOwnership? ownership;
    private long steps;
    private long bytes;

    /// <summary>Makes the distributed side of a trainer for this rank.</summary>
    /// <param name="world">The job's processes.</param>
    /// <param name="placement">Which ranks train which tasks; null trains every task on every rank (data parallelism), which is then fixed when training starts.</param>
    /// <param name="options">Bucket size and buffer averaging, or null for the defaults.</param>
    /// <param name="logger">Receives, on rank 0, what each rank holds and communicates.</param>
    /// <exception cref="ArgumentException">The placement is for another number of ranks.</exception>
    public DistributedTraining(DistributedWorld world, TaskPlacement? placement = null, DistributedTrainingOptions? options = null, ILogger<DistributedTraining>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (placement is not null && placement.WorldSize != world.Size)
        {
            throw new ArgumentException($"the placement is for {placement.WorldSize} ranks ({placement}), but this job has {world.Size}; start it with mpirun -np {placement.WorldSize}, or make the placement for {world.Size} ranks", nameof(placement));
        }

        this.world = world;
        Placement = placement;
        this.options = options ?? new DistributedTrainingOptions();
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        if (this.options.BucketBytes < 1)
        {
            throw new ArgumentException($"BucketBytes must be positive; got {this.options.BucketBytes}", nameof(options));
        }
    }

    /// <summary>The placement: as given, or every task everywhere once training has started.</summary>
    public TaskPlacement? Placement { get; private set; }

    /// <inheritdoc />
    public bool IsLeader => world.Rank == 0;

    /// <inheritdoc />
    public bool WritesCheckpoints => IsLeader || Placement is { IsEverywhere: false };

    /// <inheritdoc />
    public string CheckpointPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (IsLeader || Placement is null or { IsEverywhere: true })
        {
            return path;
        }

        var name = $"{Path.GetFileNameWithoutExtension(path)}.rank{world.Rank}{Path.GetExtension(path)}";
        return Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, name);
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string>? LocalTasks => Placement is { IsEverywhere: false } placement ? placement.TasksOf(world.Rank) : null;

    /// <summary>What this rank has communicated so far.</summary>
    public CommunicationStatistics Statistics => new(steps, bytes, communication.Elapsed.TotalSeconds);

    /// <summary>The parameters this rank holds for training: shared ones and those of its tasks.</summary>
    public long ParametersHeld => ownership is null ? 0 : trained.Where(p => groups!.For(p) is not null).Sum(p => p.numel());

    /// <summary>A task's loader options on this rank: <paramref name="options"/> with this rank's shard of the task's data.</summary>
    /// <param name="task">The task.</param>
    /// <param name="options">The loader options every rank uses.</param>
    /// <returns>The options with <see cref="DataLoaderOptions.Shard"/> set.</returns>
    public DataLoaderOptions LoaderOptions(string task, DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shard = Placement is null ? new DataShard(world.Rank, world.Size) : Placement.ShardOf(task, world.Rank);
        return options with { Shard = shard };
    }

    /// <inheritdoc />
    public void Start(MultiTaskModel model, IReadOnlyList<Parameter> trained)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trained);
        var placement = Placement ?? TaskPlacement.Everywhere(model.Tasks, world.Size);
        if (!placement.Tasks.Order(StringComparer.Ordinal).SequenceEqual(model.Tasks.Order(StringComparer.Ordinal)))
        {
            throw new ArgumentException($"the placement's tasks ({string.Join(", ", placement.Tasks)}) are not the model's ({string.Join(", ", model.Tasks)})", nameof(model));
        }

        ModelFingerprint.RequireSame(world.Communicator, ModelFingerprint.Lines(model, trained, placement));
        Placement = placement;
        this.trained = trained;
        ownership = new ParameterOwnership(model);
        groups?.Dispose();
        groups = new ReductionGroups(world.Communicator, placement, ownership, trained.Cast<Tensor>().Concat(model.buffers()));
        using (no_grad())
        {
            foreach (var tensor in trained.Cast<Tensor>().Concat(model.buffers()).Where(IsFloat))
            {
                world.Communicator.Broadcast(tensor);
            }
        }

        if (IsLeader)
        {
            logger.LogInformation("distributed training on {Ranks} ranks ({Placement}); rank 0 holds {Parameters} trained parameters", world.Size, placement, ParametersHeld);
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> AgreeBatchesPerTask(IReadOnlyDictionary<string, int> local)
    {
        var tasks = RequirePlacement().Tasks;
        var most = tasks.Select(t => local.TryGetValue(t, out var n) ? n : double.NegativeInfinity).ToArray();
        var least = tasks.Select(t => local.TryGetValue(t, out var n) ? n : double.PositiveInfinity).ToArray();
        Timed(() =>
        {
            world.Communicator.AllReduce(most, ReduceOperation.Max);
            world.Communicator.AllReduce(least, ReduceOperation.Min);
        });
        for (var i = 0; i < tasks.Count; i++)
        {
            if (most[i] != least[i])
            {
                throw new ArgumentException($"the ranks training task '{tasks[i]}' have between {least[i]} and {most[i]} batches of it per epoch; give each the same number (DistributedTraining.LoaderOptions shards a dataset evenly)");
            }
        }

        return tasks.Select((t, i) => (t, (int)most[i])).ToDictionary(p => p.t, p => p.Item2, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public bool AnyNonFinite(bool local)
    {
        double[] flag = [local ? 1 : 0];
        Timed(() => world.Communicator.AllReduce(flag, ReduceOperation.Max));
        return flag[0] > 0;
    }

    /// <inheritdoc />
    public void ReduceGradients(IReadOnlyList<Parameter> trained)
    {
        var reduction = RequireGroups();
        // A parameter some rank has a gradient for gets one everywhere it is held (zeros where this
        // rank's tasks did not touch it); one nobody trained keeps none, as in a single process.
        var touched = trained.Select(p => p.grad is null ? 0f : 1f).ToArray();
        Timed(() => world.Communicator.AllReduce(touched, ReduceOperation.Max));
        var reduced = new List<(Tensor, Communicator?)>();
        for (var i = trained.Count - 1; i >= 0; i--)
        {
            var parameter = trained[i];
            var group = reduction.For(parameter);
            if (touched[i] == 0 || group is null)
            {
                continue;
            }

            if (parameter.grad is null)
            {
                parameter.grad = zeros_like(parameter);
            }

            reduced.Add((parameter.grad!, group));
        }

        var replication = Placement!.Replication;
        Timed(() => bytes += TensorReduction.SumInPlace(reduced, _ => 1.0 / replication, options.BucketBytes));
        steps++;
    }

    /// <inheritdoc />
    public void AfterStep(MultiTaskModel model)
    {
        if (!options.AverageBuffers)
        {
            return;
        }

        var reduction = RequireGroups();
        var buffers = model.buffers().Where(IsFloat).Select(b => (b, reduction.For(b))).ToList();
        Timed(() => bytes += TensorReduction.SumInPlace(buffers, group => 1.0 / group.Size, options.BucketBytes));
    }

    /// <inheritdoc />
    public void Synchronize(MultiTaskModel model)
    {
        var placement = RequirePlacement();
        if (placement.IsEverywhere)
        {
            return;
        }

        // Each task's own tensors go from the first rank that trains them to every rank.
        var owners = ownership!;
        using var noGrad = no_grad();
        foreach (var tensor in model.parameters().Cast<Tensor>().Concat(model.buffers()).Where(IsFloat))
        {
            var tasks = owners.TasksOf(tensor);
            if (tasks.Count < placement.Tasks.Count)
            {
                world.Communicator.Broadcast(tensor, root: tasks.SelectMany(placement.RanksOf).Min());
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> AgreeMeanLosses(IReadOnlyDictionary<string, (double Sum, long Count)> local)
    {
        var tasks = RequirePlacement().Tasks;
        var totals = tasks.SelectMany(t => local.TryGetValue(t, out var v) ? new[] { v.Sum, v.Count } : [0.0, 0.0]).ToArray();
        Timed(() => world.Communicator.AllReduce(totals));
        return tasks.Select((t, i) => (t, Sum: totals[2 * i], Count: totals[(2 * i) + 1]))
            .Where(p => p.Count > 0)
            .ToDictionary(p => p.t, p => p.Sum / p.Count, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> FromLeader(IReadOnlyDictionary<string, double> values)
    {
        var gathered = world.Communicator.AllGather(JsonSerializer.SerializeToUtf8Bytes(values.ToDictionary(v => v.Key, v => v.Value), Json));
        return JsonSerializer.Deserialize<Dictionary<string, double>>(gathered[0], Json) ?? [];
    }

    /// <inheritdoc />
    public void Barrier() => world.Communicator.Barrier();

    /// <summary>Frees the sub-communicators.</summary>
    public void Dispose() => groups?.Dispose();

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static bool IsFloat(Tensor tensor) => tensor.dtype is ScalarType.Float32 or ScalarType.Float64;

    private TaskPlacement RequirePlacement() =>
        Placement is { } placement && groups is not null ? placement : throw new InvalidOperationException("distributed training has not started; the trainer calls Start first");

    private ReductionGroups RequireGroups()
    {
        RequirePlacement();
        return groups!;
    }

    private void Timed(Action action)
    {
        communication.Start();
        try
        {
            action();
        }
        finally
        {
            communication.Stop();
        }
    }
}
