using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>
/// A learning-rate scheduler's state as checkpoint entries. TorchSharp 0.107's schedulers have no
/// <c>state_dict</c>; like PyTorch's, whose state is the scheduler's fields without the optimizer,
/// this saves every number, flag and list of numbers the scheduler object holds (the epoch count,
/// the base and last learning rates, and a scheduler's own counters), as float64 tensors named
/// after the fields.
/// </summary>
internal static class SchedulerSnapshot
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>The scheduler's state as entries (new tensors, in the current dispose scope).</summary>
    public static Dictionary<string, Tensor> Capture(optim.lr_scheduler.LRScheduler scheduler)
    {
        var entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var field in Fields(scheduler))
        {
            var value = field.GetValue(scheduler);
            if (Numbers(value) is { } numbers)
            {
                entries[Name(field)] = tensor(numbers, ScalarType.Float64);
            }
        }

        return entries;
    }

    /// <summary>Puts a captured state back; checks every entry before changing anything.</summary>
    /// <exception cref="InvalidDataException">An entry is missing or does not fit.</exception>
    public static void Restore(optim.lr_scheduler.LRScheduler scheduler, IReadOnlyDictionary<string, Tensor> entries)
    {
        var writes = new List<Action>();
        foreach (var field in Fields(scheduler))
        {
            var current = field.GetValue(scheduler);
            if (Numbers(current) is not { } numbers)
            {
                continue;
            }

            if (!entries.TryGetValue(Name(field), out var saved) || saved.numel() != numbers.Length)
            {
                throw new InvalidDataException($"the scheduler section has no entry '{Name(field)}' of {numbers.Length} values; it was written for another scheduler than this {scheduler.GetType().Name}");
            }

            using var asDouble = saved.to(ScalarType.Float64);
            var values = asDouble.ToArrayOf<double>();
            writes.Add(() => field.SetValue(scheduler, Convert(field.FieldType, current!, values)));
        }

        writes.ForEach(w => w());
    }

    private static IEnumerable<FieldInfo> Fields(optim.lr_scheduler.LRScheduler scheduler)
    {
        for (var type = scheduler.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(Instance))
            {
                yield return field;
            }
        }
    }

    private static string Name(FieldInfo field) => $"{field.DeclaringType!.Name}.{field.Name.TrimStart('_')}";

    private static double[]? Numbers(object? value) => value switch
    {
        int i => [i],
        long l => [l],
        double d => [d],
        float f => [f],
        bool b => [b ? 1 : 0],
        IEnumerable<double> list => list.ToArray(),
        _ => null,
    };

    private static object Convert(Type type, object current, double[] values) => current switch
    {
        int => (int)values[0],
        long => (long)values[0],
        double => values[0],
        float => (float)values[0],
        bool => values[0] != 0,
        double[] => values,
        _ => type.IsAssignableFrom(typeof(List<double>)) ? values.ToList() : values,
    };
}
