using System.Reflection;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// The instance fields a module subclass declares (those of <see cref="nn.Module"/> itself
/// excluded), base classes first, each class in declaration order.
/// </summary>
internal static class ComponentFields
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private const string BackingFieldSuffix = ">k__BackingField";

    public static IReadOnlyList<FieldInfo> Of(Type moduleType)
    {
        var chain = new List<Type>();
        for (var type = moduleType; type is not null && type != typeof(nn.Module); type = type.BaseType)
        {
            chain.Add(type);
        }

        chain.Reverse();
        return chain.SelectMany(type => type.GetFields(Declared)).ToList();
    }

    /// <summary>The component name of a field: its own name, or the property name for an auto-property.</summary>
    public static string NameOf(FieldInfo field)
    {
        var fieldName = field.Name;
        return fieldName.StartsWith('<') && fieldName.EndsWith(BackingFieldSuffix, StringComparison.Ordinal)
            ? fieldName[1..^BackingFieldSuffix.Length]
            : fieldName;
    }
}
