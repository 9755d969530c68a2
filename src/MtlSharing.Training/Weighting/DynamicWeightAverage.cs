using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>
/// Dynamic Weight Average (Liu, Johns and Davison, "End-to-End Multi-Task Learning with
/// Attention", CVPR 2019). In epoch e the model gets the gradients of <c>Σ_t w_t(e)·L_t</c> with
/// <code>w_t(e) = K·exp(r_t(e−1)/T) / Σ_i exp(r_i(e−1)/T),   r_t(e−1) = L_t(e−1) / L_t(e−2)</code>
/// where <c>L_t(e)</c> is task t's mean training loss over epoch e (handed to
/// <see cref="EndEpoch"/>), T the temperature and K the number of tasks. A task whose loss falls
/// more slowly gets more weight; the weights sum to K. In the first two epochs, before two
/// epochs' losses exist, every weight is 1.
/// <para>
/// The ratio is taken over the tasks that have a mean loss in both of the last two epochs (K is
/// their number); any other task keeps weight 1.
/// </para>
/// </summary>
public sealed class DynamicWeightAverage : LossWeighting
{
    private const string PreviousPrefix = "previous.";
    private const string BeforePreviousPrefix = "before_previous.";
    private Dictionary<string, double> previous = new(StringComparer.Ordinal);
    private Dictionary<string, double> beforePrevious = new(StringComparer.Ordinal);
    private Dictionary<string, double> epochWeights = new(StringComparer.Ordinal);

    /// <summary>Makes the weighting.</summary>
    /// <param name="temperature">The temperature T &gt; 0 (the paper uses 2); larger T makes the weights more equal.</param>
    public DynamicWeightAverage(double temperature = 2)
    {
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "the temperature must be a finite number > 0");
        }

        Temperature = temperature;
    }

    /// <inheritdoc />
    public override string Name => "dwa";

    /// <summary>The temperature T.</summary>
    public double Temperature { get; }

    /// <summary>The weights of the current epoch, by task (empty while every weight is 1).</summary>
    public IReadOnlyDictionary<string, double> EpochWeights => epochWeights;

    /// <inheritdoc />
    public override void Backward(IReadOnlyDictionary<string, Tensor> losses) =>
        LastWeights = LossInputs.BackwardWeightedSum(LossInputs.Check(losses), t => epochWeights.GetValueOrDefault(t, 1));

    /// <summary>Records the epoch's mean losses and computes the next epoch's weights.</summary>
    /// <param name="meanLosses">Each task's mean training loss over the epoch: finite and &gt; 0.</param>
    public override void EndEpoch(IReadOnlyDictionary<string, double> meanLosses)
    {
        ArgumentNullException.ThrowIfNull(meanLosses);
        if (meanLosses.Count == 0)
        {
            throw new ArgumentException("no mean losses given; give the epoch's mean loss of each task", nameof(meanLosses));
        }

        foreach (var (task, loss) in meanLosses)
        {
            if (!double.IsFinite(loss) || loss <= 0)
            {
                throw new ArgumentException($"the mean loss of task '{task}' is {loss}; Dynamic Weight Average needs finite losses > 0", nameof(meanLosses));
            }
        }

        beforePrevious = previous;
        previous = new Dictionary<string, double>(meanLosses, StringComparer.Ordinal);
        epochWeights = Weights(previous, beforePrevious, Temperature);
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict() =>
        previous.Select(e => (Key: PreviousPrefix + e.Key, e.Value))
            .Concat(beforePrevious.Select(e => (Key: BeforePreviousPrefix + e.Key, e.Value)))
            .ToDictionary(e => e.Key, e => StateEntries.Scalar(e.Value), StringComparer.Ordinal);

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        StateEntries.RejectUnknownKeys(state, k => IsTaskKey(k, PreviousPrefix) || IsTaskKey(k, BeforePreviousPrefix), Name);
        var loadedPrevious = StateEntries.ReadPrefixed(state, PreviousPrefix, Name, minimum: 0, minimumExclusive: true);
        var loadedBefore = StateEntries.ReadPrefixed(state, BeforePreviousPrefix, Name, minimum: 0, minimumExclusive: true);
        if (loadedPrevious.Count == 0 && loadedBefore.Count > 0)
        {
            throw new ArgumentException($"the {Name} state has losses of the epoch before the previous one but none of the previous epoch", nameof(state));
        }

        previous = loadedPrevious;
        beforePrevious = loadedBefore;
        epochWeights = Weights(previous, beforePrevious, Temperature);
    }

    /// <summary>
    /// The weights K·softmax(r/T) over the tasks with losses in both epochs (empty when there are none),
    /// computed with the largest r/T subtracted first so the exponentials cannot overflow.
    /// </summary>
    private static Dictionary<string, double> Weights(Dictionary<string, double> last, Dictionary<string, double> beforeLast, double temperature)
    {
        var scaled = last.Where(e => beforeLast.ContainsKey(e.Key))
            .ToDictionary(e => e.Key, e => e.Value / beforeLast[e.Key] / temperature, StringComparer.Ordinal);
        if (scaled.Count == 0)
        {
            return new Dictionary<string, double>(StringComparer.Ordinal);
        }

        var largest = scaled.Values.Max();
        var exponentials = scaled.ToDictionary(e => e.Key, e => Math.Exp(e.Value - largest), StringComparer.Ordinal);
        var total = exponentials.Values.Sum();
        return exponentials.ToDictionary(e => e.Key, e => scaled.Count * e.Value / total, StringComparer.Ordinal);
    }

    private static bool IsTaskKey(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length;
}
