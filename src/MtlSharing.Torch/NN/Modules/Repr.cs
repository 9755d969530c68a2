namespace MtlSharing.Torch.Modules;

/// <summary>Formatting of settings in PyTorch's style for the layers' extra_repr.</summary>
internal static class Repr
{
    public static string Bool(bool value) => value ? "True" : "False";

    public static string Pair((long, long) value) => $"({value.Item1}, {value.Item2})";

    public static string Number(double value) =>
        value.ToString("G", System.Globalization.CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
