namespace MtlSharing.Training.Tests.Data;

/// <summary>A <see cref="Random"/> that returns chosen values, so a transform's random choices can be set by hand.</summary>
internal sealed class ScriptedRandom : Random
{
    private readonly Queue<double> values;

    /// <param name="values">
    /// The values to return, in order: <see cref="Next(int)"/> returns the value as an integer,
    /// <see cref="NextDouble"/> returns it as is.
    /// </param>
    public ScriptedRandom(params double[] values)
    {
        this.values = new Queue<double>(values);
    }

    public int Remaining => values.Count;

    public override int Next(int maxValue)
    {
        var value = (int)values.Dequeue();
        value.Should().BeInRange(0, maxValue - 1, "a scripted Next(maxValue) must lie in [0, maxValue)");
        return value;
    }

    public override double NextDouble() => values.Dequeue();
}
