namespace MtlSharing.Modules;

/// <summary>Type names as C# writes them (<c>List&lt;Module&gt;</c>, not <c>List`1</c>), for messages.</summary>
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
