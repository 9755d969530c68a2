using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Modules;

/// <summary>
/// Re-points the references a module's own fields hold to modules and tensors: directly, or as
/// elements of arrays, <see cref="List{T}"/> (tuples such as <c>(string, Module)</c> included, as
/// TorchSharp's <c>ModuleDict</c> keeps them) and <see cref="Dictionary{TKey, TValue}"/>. TorchSharp
/// modules call their children through such fields, so replacing a child means rewriting them.
/// Planning checks everything and changes nothing; the returned actions make the changes.
/// </summary>
internal static class FieldReferences
{
    /// <summary>Checks and plans the changes; throws before anything changes.</summary>
    /// <param name="target">The module whose fields are rewritten.</param>
    /// <param name="replacement">The new object for an old one, or null to leave it.</param>
    /// <param name="copyCollections">Give the target its own copy of every list, array and dictionary (for copies of a module).</param>
    /// <param name="operation">What the caller is doing, for messages.</param>
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
                Delegate callback => RejectCapture(target, field, callback, replacement, operation),
                Array array => PlanList(target, field, array, array.GetType().GetElementType()!, replacement, copyCollections),
                IList list when IsGeneric(list, typeof(List<>), out var args) => PlanList(target, field, list, args[0], replacement, copyCollections),
                IDictionary map when IsGeneric(map, typeof(Dictionary<,>), out var args) => PlanDictionary(target, field, map, args[1], replacement, copyCollections),
                IEnumerable other and not string => RejectUnsupported(target, field, other, replacement, operation),
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
        if (replacement(value) is not { } next || ReferenceEquals(next, value))
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
            if (list[i] is { } item && Replace(target, field, item, elementType, replacement) is { } next)
            {
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
            if (entry.Value is { } item && Replace(target, field, item, valueType, replacement) is { } next)
            {
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

    /// <summary>The element to store instead of <paramref name="item"/>, or null to keep it; a tuple is rebuilt around a replaced member.</summary>
    private static object? Replace(nn.Module target, FieldInfo field, object item, Type slotType, Func<object, object?> replacement)
    {
        if (item is nn.Module or Tensor)
        {
            if (replacement(item) is not { } next || ReferenceEquals(next, item))
            {
                return null;
            }

            CheckAssignable(target, field, slotType, next);
            return next;
        }

        if (item is not ITuple tuple || !slotType.IsValueType)
        {
            return null;
        }

        var members = new object?[tuple.Length];
        var changed = false;
        var memberTypes = slotType.GetGenericArguments();
        for (var i = 0; i < tuple.Length; i++)
        {
            members[i] = tuple[i];
            if (tuple[i] is nn.Module or Tensor && replacement(tuple[i]!) is { } next && !ReferenceEquals(next, tuple[i]))
            {
                CheckAssignable(target, field, memberTypes[i], next);
                members[i] = next;
                changed = true;
            }
        }

        return changed ? Activator.CreateInstance(slotType, members) : null;
    }

    private static Action? RejectCapture(nn.Module target, FieldInfo field, Delegate callback, Func<object, object?> replacement, string operation)
    {
        if (Captured(callback).Any(o => replacement(o) is not null))
        {
            throw new NotSupportedException(
                $"{operation}: field '{ComponentFields.NameOf(field)}' of {TypeNames.Of(target.GetType())} is a delegate that captures a module or tensor being re-pointed, " +
                "so the delegate would keep using the old one; hold the module in a field and call it from forward instead");
        }

        return null;
    }

    /// <summary>Modules and tensors a delegate reaches: its target, and the fields of a compiler-made closure.</summary>
    private static IEnumerable<object> Captured(Delegate callback)
    {
        foreach (var single in callback.GetInvocationList())
        {
            if (single.Target is nn.Module or Tensor)
            {
                yield return single.Target;
            }
            else if (single.Target is { } closure)
            {
                foreach (var captured in closure.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    var value = captured.GetValue(closure);
                    if (value is nn.Module or Tensor)
                    {
                        yield return value;
                    }
                }
            }
        }
    }

    private static Action? RejectUnsupported(nn.Module target, FieldInfo field, IEnumerable collection, Func<object, object?> replacement, string operation)
    {
        foreach (var item in collection)
        {
            if (item is nn.Module or Tensor && replacement(item) is not null)
            {
                throw new NotSupportedException(
                    $"{operation}: field '{ComponentFields.NameOf(field)}' of {TypeNames.Of(target.GetType())} is a {TypeNames.Of(collection.GetType())} holding modules or tensors, " +
                    "which cannot be re-pointed; hold them in a field, an array, a List<T>, a Dictionary<TKey, TValue>, a ModuleList or a ModuleDict");
            }
        }

        return null;
    }

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
