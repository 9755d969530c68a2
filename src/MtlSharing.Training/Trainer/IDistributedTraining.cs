using MtlSharing.Routing;
using TorchSharp.Modules;

namespace MtlSharing.Training;

/// <summary>
/// What a <see cref="MultiTaskTrainer"/> asks of the processes it trains with, when it is one of
/// several (<see cref="TrainerOptions.Distributed"/>; MtlSharing.Distributed implements it over MPI).
/// Every process runs the same trainer on the same model and plan, each on its own data; every
/// member below is collective: all processes call it at the same point, in the same order.
/// </summary>
public interface IDistributedTraining
{
    /// <summary>Whether this process logs and reports progress (rank 0).</summary>
    bool IsLeader { get; }

    /// <summary>Whether this process writes checkpoints: the leader when every process holds the same state, every process when they train different tasks (each holds the optimizer state of its own).</summary>
    bool WritesCheckpoints { get; }

    /// <summary>The file this process writes and resumes from for a checkpoint at <paramref name="path"/>: the path itself, or a file of this process's beside it (<c>last.rank1.pt</c>).</summary>
    /// <param name="path">The checkpoint's path.</param>
    /// <returns>This process's file.</returns>
    string CheckpointPath(string path);

    /// <summary>The tasks this process trains, or null for every task of the model.</summary>
    IReadOnlyCollection<string>? LocalTasks { get; }

    /// <summary>
    /// Checks that every process holds the same model and plan (refusing a difference with a
    /// message that names it), then gives every process rank 0's parameters and buffers.
    /// </summary>
    /// <param name="model">This process's model.</param>
    /// <param name="trained">The parameters the optimizer updates: the model's, then the loss weighting's.</param>
    void Start(MultiTaskModel model, IReadOnlyList<Parameter> trained);

    /// <summary>Every task's batches per epoch, as the processes that train it agree; the same on every process.</summary>
    /// <param name="local">This process's batches per epoch, for its tasks.</param>
    /// <returns>The batches per epoch of every task.</returns>
    IReadOnlyDictionary<string, int> AgreeBatchesPerTask(IReadOnlyDictionary<string, int> local);

    /// <summary>Whether any process saw a non-finite loss in this step.</summary>
    /// <param name="local">Whether this one did.</param>
    /// <returns>The same answer on every process.</returns>
    bool AnyNonFinite(bool local);

    /// <summary>Turns each process's gradients (of the step's losses on its data) into the gradient of the step's loss over all processes' data, after backward and before clipping and the update.</summary>
    /// <param name="trained">The parameters the optimizer updates, as given to <see cref="Start"/>.</param>
    void ReduceGradients(IReadOnlyList<Parameter> trained);

    /// <summary>Brings the model's buffers (BatchNorm statistics) into agreement after an update.</summary>
    /// <param name="model">This process's model.</param>
    void AfterStep(MultiTaskModel model);

    /// <summary>Gives every process the current parameters of every task, before evaluation and checkpoints (a no-op when every process trains every task).</summary>
    /// <param name="model">This process's model.</param>
    void Synchronize(MultiTaskModel model);

    /// <summary>Each task's mean loss over the epoch, over every process that trains it.</summary>
    /// <param name="local">This process's sum of losses and number of steps, for its tasks.</param>
    /// <returns>The means every process agrees on.</returns>
    IReadOnlyDictionary<string, double> AgreeMeanLosses(IReadOnlyDictionary<string, (double Sum, long Count)> local);

    /// <summary>The leader's values (its evaluation metrics), on every process, so that all decide alike on the best epoch and on stopping early.</summary>
    /// <param name="values">This process's values; only the leader's count.</param>
    /// <returns>The leader's values.</returns>
    IReadOnlyDictionary<string, double> FromLeader(IReadOnlyDictionary<string, double> values);

    /// <summary>Waits for every process (after the leader wrote a checkpoint, so none reads it early).</summary>
    void Barrier();
}
