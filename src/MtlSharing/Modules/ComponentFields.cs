using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Modules;

/// <summary>
/// The instance fields a module class and its bases declare, <see cref="nn.Module"/>'s own fields
/// excluded (those are registrations, handled apart), base classes first.
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

    /// <summary>The name a reader knows a field by: its own, or the property's for an auto-property.</summary>
    public static string NameOf(FieldInfo field)
    {
        var fieldName = field.Name;
        return fieldName.StartsWith('<') && fieldName.EndsWith(BackingFieldSuffix, StringComparison.Ordinal)
            ? fieldName[1..^BackingFieldSuffix.Length]
            : fieldName;
    }
}
