using MtlSharing.Training.Data;

namespace MtlSharing.Training.Sampling;

/// <summary>
/// Picks one task per step at random with pₜ ∝ nₜ^α, where nₜ is the task's batches per epoch:
/// α = 1 is proportional sampling, α = 0 uniform over tasks, and 0 &lt; α &lt; 1 in between (small tasks are
/// seen more often than their size alone would give).
/// <para>
/// <b>Epoch:</b> Σ nₜ steps, each an independent draw from p (with replacement). A task may therefore be drawn
/// more often than its loader has batches in one epoch: such a task <b>cycles</b>, and the trainer restarts its
/// loader when it is exhausted; a task drawn fewer times simply leaves batches unused.
/// The draws depend only on the seed and the epoch (and on the tasks' enumeration order in <c>batchesPerTask</c>).
/// </para>
/// </summary>
public sealed class TemperatureSampler : ITaskSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="alpha">The exponent α, finite and at least 0.</param>
    /// <param name="seed">The seed of every epoch's draws.</param>
    public TemperatureSampler(double alpha, long seed = 0)
    {
        if (!double.IsFinite(alpha) || alpha < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be finite and at least 0 (1 = proportional, 0 = uniform)");
        }

        Alpha = alpha;
        Seed = seed;
    }

    /// <summary>The exponent α.</summary>
    public double Alpha { get; }

    /// <summary>The seed of every epoch's draws.</summary>
    public long Seed { get; }

    /// <inheritdoc/>
    public string Name => $"temperature(alpha={Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>The probability of each task at every step: nₜ^α / Σ nₛ^α.</summary>
    /// <param name="batchesPerTask">How many batches each task's loader yields per epoch.</param>
    /// <returns>Each task's probability, in the dictionary's order.</returns>
    public IReadOnlyDictionary<string, double> Probabilities(IReadOnlyDictionary<string, int> batchesPerTask)
    {
        var tasks = PlanArguments.Check(0, batchesPerTask);
        var weights = tasks.Select(t => Math.Pow(t.Batches, Alpha)).ToArray();
        var total = weights.Sum();
        return tasks.Select((t, i) => (t.Task, weights[i] / total)).ToDictionary(p => p.Task, p => p.Item2);
    }

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask)
    {
        var tasks = PlanArguments.Check(epoch, batchesPerTask);
        var steps = PlanArguments.Total(tasks);
        var probabilities = Probabilities(batchesPerTask);
        var cumulative = new double[tasks.Length];
        var sum = 0.0;
        for (var i = 0; i < tasks.Length; i++)
        {
            sum += probabilities[tasks[i].Task];
            cumulative[i] = sum;
        }

        var random = SeedMix.Create(Seed, SeedMix.SamplerPurpose, epoch);
        var plan = new List<IReadOnlyList<string>>(steps);
        for (var step = 0; step < steps; step++)
        {
            var u = random.NextDouble() * sum;
            var index = Array.FindIndex(cumulative, c => u < c);
            plan.Add([tasks[index < 0 ? tasks.Length - 1 : index].Task]);
        }

        return plan;
    }
}
