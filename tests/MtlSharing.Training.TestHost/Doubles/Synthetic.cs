namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>
/// Learnable synthetic classification data: features uniform in [-1, 1], and the label of a sample
/// is the class whose fixed random direction has the largest dot product with it.
/// </summary>
internal static class Synthetic
{
    public static (float[,] Inputs, long[] Labels) Task(int seed, int count, int features, int classes)
    {
        var random = new Random(seed);
        var directions = new float[classes, features];
        for (var c = 0; c < classes; c++)
        {
            for (var f = 0; f < features; f++)
            {
                directions[c, f] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        var inputs = new float[count, features];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < features; f++)
            {
                inputs[i, f] = (float)((random.NextDouble() * 2) - 1);
            }

            labels[i] = Enumerable.Range(0, classes).MaxBy(c => Enumerable.Range(0, features).Sum(f => directions[c, f] * inputs[i, f]));
        }

        return (inputs, labels);
    }

    public static InMemoryDataset Dataset(int seed, int count, int features, int classes)
    {
        var (inputs, labels) = Task(seed, count, features, classes);
        return new InMemoryDataset(inputs, labels);
    }
}
