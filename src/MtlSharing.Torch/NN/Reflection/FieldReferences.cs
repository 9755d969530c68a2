using System.Collections;
using System.Reflection;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// Re-points the references a module's fields hold to modules and tensors: directly, or as
/// elements of arrays, <see cref="List{T}"/> and <see cref="Dictionary{TKey, TValue}"/>. Used by
/// <see cref="nn.Module.Clone"/> (to make a copy's fields point at the copy's components) and
/// <see cref="nn.Module.set_submodule"/> (to make a parent's field point at the new child).
/// Planning validates everything and changes nothing; the returned actions do the changes.
/// </summary>
internal static class FieldReferences
{
    /// <summary>Validates and plans the changes; throws before changing anything.</summary>
    /// <param name="target">The module whose fields are rewritten.</param>
    /// <param name="replacement">The new object for an old one, or null to leave it.</param>
    /// <param name="copyCollections">Give the target its own copy of every component collection (for clones).</param>
    /// <param name="operation">The caller's name, for error messages.</param>
    public static List<Action> Plan(nn.Module target, Func<object, object?> replacement, bool copyCollections, string operation)
    {
        var actions = new List<Action>();
        foreach (var field in ComponentFields.Of(target.GetType()))
        {
            var value = field.GetValue(target);
            var action = value switch
            {
                null => null,
                nn.Module or Tensor => PlanSingle(target, field, value, replacement),
                Array array when HoldsComponents(array.GetType().GetElementType()!) => PlanList(target, field, array, array.GetType().GetElementType()!, replacement, copyCollections),
                IList list when IsGeneric(value, typeof(List<>), out var args) && HoldsComponents(args[0]) => PlanList(target, field, list, args[0], replacement, copyCollections),
                IDictionary map when IsGeneric(value, typeof(Dictionary<,>), out var args) && HoldsComponents(args[1]) => PlanDictionary(target, field, map, args[1], replacement, copyCollections),
                IEnumerable other => RejectUnsupported(target, field, other, replacement, operation),
                _ => null,
            };
            if (action is not null)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    private static Action? PlanSingle(nn.Module target, FieldInfo field, object value, Func<object, object?> replacement)
    {
        var next = replacement(value);
        if (next is null || ReferenceEquals(next, value))
        {
            return null;
        }

        CheckAssignable(target, field, field.FieldType, next);
        return () => field.SetValue(target, next);
    }

    private static Action? PlanList(nn.Module target, FieldInfo field, IList list, Type elementType, Func<object, object?> replacement, bool copy)
    {
        var changes = new List<(int Index, object Value)>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } item && replacement(item) is { } next && !ReferenceEquals(next, item))
            {
                CheckAssignable(target, field, elementType, next);
                changes.Add((i, next));
            }
        }

        if (changes.Count == 0 && !copy)
        {
            return null;
        }

        return () =>
        {
            var destination = !copy ? list
                : list is Array array ? (IList)array.Clone()
                : (IList)Activator.CreateInstance(list.GetType(), list)!;
            foreach (var (index, next) in changes)
            {
                destination[index] = next;
            }

            if (copy)
            {
                field.SetValue(target, destination);
            }
        };
    }

    private static Action? PlanDictionary(nn.Module target, FieldInfo field, IDictionary map, Type valueType, Func<object, object?> replacement, bool copy)
    {
        var changes = new List<(object Key, object Value)>();
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Value is { } item && replacement(item) is { } next && !ReferenceEquals(next, item))
            {
                CheckAssignable(target, field, valueType, next);
                changes.Add((entry.Key, next));
            }
        }

        if (changes.Count == 0 && !copy)
        {
            return null;
        }

        return () =>
        {
            var comparer = map.GetType().GetProperty("Comparer")!.GetValue(map);
            var destination = copy ? (IDictionary)Activator.CreateInstance(map.GetType(), map, comparer)! : map;
            foreach (var (key, next) in changes)
            {
                destination[key] = next;
            }

            if (copy)
            {
                field.SetValue(target, destination);
            }
        };
    }

    private static Action? RejectUnsupported(nn.Module target, FieldInfo field, IEnumerable collection, Func<object, object?> replacement, string operation)
    {
        if (collection is string || !ElementTypes(collection.GetType()).Any(HoldsComponents))
        {
            return null;
        }

        foreach (var item in collection)
        {
            var component = item is null ? null : ComponentOf(item);
            if (component is not null && replacement(component) is not null)
            {
                throw new NotSupportedException(
                    $"{operation}: field '{ComponentFields.NameOf(field)}' of {TypeNames.Of(target.GetType())} is a {TypeNames.Of(collection.GetType())} holding registered modules or tensors, " +
                    "which cannot be re-pointed; hold them in a field, an array, a List<T>, a Dictionary<TKey, TValue>, a ModuleList or a ModuleDict");
            }
        }

        return null;
    }

    private static object? ComponentOf(object item)
    {
        var type = item.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
            ? type.GetProperty("Value")!.GetValue(item)
            : item;
    }

    private static IEnumerable<Type> ElementTypes(Type collectionType) =>
        collectionType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(i => i.GetGenericArguments()[0])
            .Select(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? t.GetGenericArguments()[1] : t);

    private static bool HoldsComponents(Type elementType) =>
        typeof(nn.Module).IsAssignableFrom(elementType) || typeof(Tensor).IsAssignableFrom(elementType);

    private static bool IsGeneric(object value, Type definition, out Type[] arguments)
    {
        var type = value.GetType();
        var matches = type.IsGenericType && type.GetGenericTypeDefinition() == definition;
        arguments = matches ? type.GetGenericArguments() : [];
        return matches;
    }

    private static void CheckAssignable(nn.Module target, FieldInfo field, Type slotType, object next)
    {
        if (!slotType.IsInstanceOfType(next))
        {
            throw new InvalidOperationException(
                $"field '{ComponentFields.NameOf(field)}' of {TypeNames.Of(target.GetType())} is declared as {TypeNames.Of(slotType)} and cannot hold the replacement, of type {TypeNames.Of(next.GetType())}; " +
                "declare it with a base type such as nn.Module<Tensor, Tensor> so the submodule can be replaced");
        }
    }
}
