using MtlSharing.Routing;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>
/// PCGrad, "projecting conflicting gradients" (Yu, Kumar, Gupta, Levine, Hausman and Finn,
/// "Gradient Surgery for Multi-Task Learning", NeurIPS 2020). For the shared parameters, each
/// task's gradient <c>g_i</c> is computed separately; then for every other task j, in a random
/// order, if the running <c>g_i</c> conflicts with the original <c>g_j</c> (<c>g_i·g_j &lt; 0</c>)
/// it is projected onto the normal plane of <c>g_j</c>:
/// <code>g_i ← g_i − (g_i·g_j / ‖g_j‖²)·g_j</code>
/// and the shared parameters get <c>Σ_i g_i</c>. Every other trainable parameter gets the plain
/// gradient of <c>Σ_t L_t</c>: a task's own layers and head are reached only by its own loss, so
/// they get that task's gradient unchanged (layers shared within a group of tasks get the sum of
/// the group's gradients, unprojected).
/// <para>
/// The shared parameters are <see cref="MultiTaskModel.SharedParameters"/> that require gradients.
/// The order of the other tasks for task i in step n is a shuffle by <see cref="Random"/> seeded
/// with a SplitMix64 hash of (<see cref="Seed"/>, n); the default seed is 0. A run is therefore
/// reproducible, and the random position is just the step count, saved by <see cref="StateDict"/>.
/// </para>
/// </summary>
public sealed class PCGrad : LossWeighting
{
    private const string SeedKey = "seed";
    private const string StepKey = "step";
    private MultiTaskModel? model;

    /// <summary>Makes the method.</summary>
    /// <param name="seed">The seed of the random task orders.</param>
    public PCGrad(int seed = 0)
    {
        Seed = seed;
    }

    /// <inheritdoc />
    public override string Name => "pcgrad";

    /// <summary>The seed of the random task orders.</summary>
    public int Seed { get; private set; }

    /// <summary>The number of <see cref="Backward"/> calls so far: the position of the random orders.</summary>
    public long Step { get; private set; }

    /// <inheritdoc />
    public override void Initialize(MultiTaskModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
    }

    /// <inheritdoc />
    public override void Backward(IReadOnlyDictionary<string, Tensor> losses)
    {
        var current = LossInputs.Require(model, Name);
        var ordered = LossInputs.InModelOrder(losses, current);
        using (var scope = NewDisposeScope())
        {
            var shared = current.SharedParameters().Where(p => p.requires_grad).ToList();
            var sharedSet = shared.ToHashSet(ReferenceEqualityComparer.Instance);
            var others = current.parameters().Where(p => p.requires_grad && !sharedSet.Contains(p)).ToList();
            if (shared.Count > 0)
            {
                var perTask = ordered.Select(l => GradientBuffers.Flatten(autograd.grad([l.Loss], shared.ToList<Tensor>(), retain_graph: true, allow_unused: true), shared)).ToList();
                var random = new Random(StepSeed(Seed, Step));
                var projected = Project(perTask, i => OthersInRandomOrder(i, perTask.Count, random));
                GradientBuffers.AccumulateFlat(projected.Aggregate((sum, g) => sum.add(g)), shared);
            }

            if (others.Count > 0)
            {
                var total = ordered.Select(l => l.Loss).Aggregate((sum, loss) => sum.add(loss));
                GradientBuffers.Accumulate(autograd.grad([total], others.ToList<Tensor>(), allow_unused: true), others);
            }
        }

        Step++;
        LastWeights = ordered.ToDictionary(l => l.Task, _ => 1.0, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict() => new(StringComparer.Ordinal)
    {
        [SeedKey] = StateEntries.Integer(Seed),
        [StepKey] = StateEntries.Integer(Step),
    };

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        StateEntries.RejectUnknownKeys(state, k => k is SeedKey or StepKey, Name);
        var seed = StateEntries.ReadDouble(state, SeedKey, Name);
        if (seed != Math.Floor(seed) || seed < int.MinValue || seed > int.MaxValue)
        {
            throw new ArgumentException($"the {Name} state entry '{SeedKey}' is {seed}; it must be a 32-bit whole number", nameof(state));
        }

        var step = StateEntries.ReadCount(state, StepKey, Name);
        Seed = (int)seed;
        Step = step;
    }

    /// <summary>
    /// The projected gradients: for each i, a copy of <c>g_i</c> projected, for each j in
    /// <paramref name="orderOf"/>(i) with <c>g_i·g_j &lt; 0</c>, onto the normal plane of the original <c>g_j</c>.
    /// </summary>
    /// <param name="gradients">The flat gradient of each task.</param>
    /// <param name="orderOf">The other tasks' indices, in the order to visit them, for each task index.</param>
    /// <returns>One projected gradient per task.</returns>
    internal static List<Tensor> Project(IReadOnlyList<Tensor> gradients, Func<int, IReadOnlyList<int>> orderOf)
    {
        using var noGrad = no_grad();
        var result = new List<Tensor>(gradients.Count);
        for (var i = 0; i < gradients.Count; i++)
        {
            var projected = gradients[i].clone();
            foreach (var j in orderOf(i))
            {
                using var dot = projected.dot(gradients[j]);
                var conflict = dot.ToDouble();
                if (conflict < 0)
                {
                    using var squaredNorm = gradients[j].dot(gradients[j]);
                    projected.add_(gradients[j], alpha: -conflict / squaredNorm.ToDouble());
                }
            }

            result.Add(projected);
        }

        return result;
    }

    private static int[] OthersInRandomOrder(int task, int count, Random random)
    {
        var others = Enumerable.Range(0, count).Where(j => j != task).ToArray();
        random.Shuffle(others);
        return others;
    }

    /// <summary>A 31-bit seed from (seed, step) by the SplitMix64 finaliser.</summary>
    private static int StepSeed(int seed, long step)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) + (ulong)step;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
