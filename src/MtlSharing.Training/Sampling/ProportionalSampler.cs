using MtlSharing.Training.Data;

namespace MtlSharing.Training.Sampling;

/// <summary>
/// Picks one task per step with probability proportional to how many batches it has left, so larger datasets
/// are visited more often and every batch is used once.
/// <para>
/// <b>Epoch:</b> Σ nₜ steps, task t appearing exactly nₜ times: a uniformly random shuffle of the multiset
/// {t × nₜ} (equivalently, drawing tasks ∝ their remaining batches without replacement). The shuffle depends only
/// on the seed and the epoch (and on the tasks' enumeration order in <c>batchesPerTask</c>). No task cycles.
/// </para>
/// </summary>
public sealed class ProportionalSampler : ITaskSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="seed">The seed of every epoch's shuffle.</param>
    public ProportionalSampler(long seed = 0)
    {
        Seed = seed;
    }

    /// <summary>The seed of every epoch's shuffle.</summary>
    public long Seed { get; }

    /// <inheritdoc/>
    public string Name => "proportional";

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask)
    {
        var tasks = PlanArguments.Check(epoch, batchesPerTask);
        var steps = new string[PlanArguments.Total(tasks)];
        var next = 0;
        foreach (var (task, batches) in tasks)
        {
            for (var i = 0; i < batches; i++)
            {
                steps[next++] = task;
            }
        }

        var random = SeedMix.Create(Seed, SeedMix.SamplerPurpose, epoch);
        for (var i = steps.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (steps[i], steps[j]) = (steps[j], steps[i]);
        }

        return steps.Select(task => (IReadOnlyList<string>)[task]).ToList();
    }
}
