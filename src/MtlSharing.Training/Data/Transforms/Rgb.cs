namespace MtlSharing.Training.Data.Transforms;

/// <summary>A colour, each component in [0, 1].</summary>
/// <param name="Red">The red component.</param>
/// <param name="Green">The green component.</param>
/// <param name="Blue">The blue component.</param>
public readonly record struct Rgb(double Red, double Green, double Blue)
{
    /// <summary>Black (0, 0, 0).</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>White (1, 1, 1).</summary>
    public static Rgb White => new(1, 1, 1);

    internal double[] ToArray() => [Red, Green, Blue];
}
