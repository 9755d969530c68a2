namespace MtlSharing.Torch.Modules;

/// <summary>Readable C# spellings of types for error messages, e.g. "Module&lt;Tensor, Tensor&gt;".</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        var bare = tick < 0 ? type.Name : type.Name[..tick];
        return $"{bare}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }
}
