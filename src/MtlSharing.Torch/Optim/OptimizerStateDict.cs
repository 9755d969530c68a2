using System.Globalization;
using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class optim
    {
        public abstract partial class Optimizer
        {
            private const string StatePrefix = "state";
            private const string GroupPrefix = "param_groups";

            /// <summary>
            /// The optimizer's state as a flat dictionary, in PyTorch's layout: parameters are
            /// numbered across the groups in order; <c>state.{i}.{name}</c> holds parameter i's
            /// buffers (e.g. <c>momentum_buffer</c>, <c>exp_avg</c>, <c>step</c>), and
            /// <c>param_groups.{g}.{option}</c> holds group g's options as 0-dim tensors
            /// (<c>lr</c>, <c>weight_decay</c>, …; <c>betas</c> as a 2-vector; <c>params</c> as
            /// the int64 indices of its parameters). The tensors are copies that the caller owns.
            /// </summary>
            /// <returns>The state dictionary.</returns>
            public Dictionary<string, Tensor> state_dict()
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                var result = new Dictionary<string, Tensor>();
                var index = 0;
                for (var g = 0; g < groups.Count; g++)
                {
                    var group = groups[g];
                    var values = new Dictionary<string, Tensor>();
                    group.Options.WriteTo(values);
                    if (group.InitialLearningRate is { } initial)
                    {
                        values["initial_lr"] = StateValues.Scalar(initial);
                    }

                    values["params"] = arange(index, index + group.Parameters.Count, 1, ScalarType.Int64);
                    foreach (var (name, value) in values)
                    {
                        result[$"{GroupPrefix}.{g}.{name}"] = value;
                    }

                    foreach (var parameter in group.Parameters)
                    {
                        if (state.TryGetValue(parameter, out var buffers))
                        {
                            foreach (var (name, buffer) in buffers)
                            {
                                result[$"{StatePrefix}.{index}.{name}"] = buffer.clone();
                            }
                        }

                        index++;
                    }
                }

                return result;
            }

            /// <summary>
            /// Restores a dictionary written by <see cref="state_dict"/> (or converted from PyTorch).
            /// Everything is checked first: group and parameter counts, options, buffer shapes. On
            /// any mismatch it throws <see cref="ArgumentException"/> and changes nothing. Buffers
            /// are copied (converted to each parameter's element type, except <c>step</c>).
            /// </summary>
            /// <param name="state_dict">The state to restore; the caller keeps ownership of its tensors.</param>
            public void load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                ArgumentNullException.ThrowIfNull(state_dict);
                var parameters = groups.SelectMany(g => g.Parameters).ToList();
                var groupOf = groups.SelectMany((g, i) => g.Parameters.Select(_ => i)).ToList();
                var (groupValues, stateValues) = Partition(state_dict, parameters.Count);
                var described = groupValues.Count(v => v.Count > 0);
                if (described != groups.Count)
                {
                    throw new ArgumentException($"the state dict describes {described} parameter groups but this optimizer has {groups.Count}", nameof(state_dict));
                }

                var newOptions = new OptimizerOptions[groups.Count];
                var newInitial = new double?[groups.Count];
                for (var g = 0; g < groups.Count; g++)
                {
                    (newOptions[g], newInitial[g]) = ReadGroup(g, groupValues[g]);
                }

                foreach (var (i, saved) in stateValues)
                {
                    try
                    {
                        ValidateState(parameters[i], newOptions[groupOf[i]], saved);
                    }
                    catch (Exception e) when (e is ArgumentException or ObjectDisposedException)
                    {
                        throw new ArgumentException($"{StatePrefix}.{i}: {e.Message}", nameof(state_dict), e);
                    }
                }

                var newState = new Dictionary<Parameter, Dictionary<string, Tensor>>(ReferenceEqualityComparer.Instance);
                using (no_grad())
                {
                    foreach (var (i, saved) in stateValues)
                    {
                        var parameter = parameters[i];
                        newState[parameter] = saved.ToDictionary(
                            kv => kv.Key,
                            kv => (kv.Key == "step" ? kv.Value.clone() : kv.Value.to(parameter.dtype, copy: true)).DetachFromDisposeScope());
                    }
                }

                DisposeState(state);
                foreach (var (parameter, buffers) in newState)
                {
                    state[parameter] = buffers;
                }

                for (var g = 0; g < groups.Count; g++)
                {
                    groups[g].Attach(newOptions[g]);
                    groups[g].InitialLearningRate = newInitial[g];
                }
            }

            /// <summary>
            /// Checks one parameter's saved buffers before <see cref="load_state_dict"/> changes
            /// anything; throws <see cref="ArgumentException"/> naming what is wrong.
            /// </summary>
            /// <param name="parameter">The parameter the buffers belong to.</param>
            /// <param name="options">The options its group will have after loading.</param>
            /// <param name="state">The saved buffers, keyed by name.</param>
            protected abstract void ValidateState(Parameter parameter, OptimizerOptions options, IReadOnlyDictionary<string, Tensor> state);

            /// <summary>Throws unless every buffer name is one of <paramref name="known"/>.</summary>
            /// <param name="state">The saved buffers.</param>
            /// <param name="known">The names this optimizer keeps.</param>
            protected static void RejectUnknownState(IReadOnlyDictionary<string, Tensor> state, params string[] known)
            {
                ArgumentNullException.ThrowIfNull(state);
                var unknown = state.Keys.FirstOrDefault(k => !known.Contains(k));
                if (unknown is not null)
                {
                    throw new ArgumentException($"unexpected buffer '{unknown}'; expected {string.Join(", ", known)}");
                }
            }

            /// <summary>Throws unless the buffer exists and has the given shape.</summary>
            /// <param name="state">The saved buffers.</param>
            /// <param name="name">The buffer's name.</param>
            /// <param name="shape">The shape it must have.</param>
            protected static void RequireState(IReadOnlyDictionary<string, Tensor> state, string name, long[] shape)
            {
                var buffer = StateValues.Require(state, name);
                if (!buffer.shape.SequenceEqual(shape))
                {
                    throw new ArgumentException($"buffer '{name}' has shape [{string.Join(", ", buffer.shape)}] but the parameter has shape [{string.Join(", ", shape)}]");
                }
            }

            private (Dictionary<string, Tensor>[] Groups, SortedDictionary<int, Dictionary<string, Tensor>> States) Partition(
                IReadOnlyDictionary<string, Tensor> source, int parameterCount)
            {
                var groupValues = groups.Select(_ => new Dictionary<string, Tensor>()).ToArray();
                var stateValues = new SortedDictionary<int, Dictionary<string, Tensor>>();
                foreach (var (key, value) in source)
                {
                    var parts = key.Split('.', 3);
                    var number = parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
                    if (parts[0] == GroupPrefix && number >= 0 && number < groups.Count)
                    {
                        groupValues[number][parts[2]] = value;
                    }
                    else if (parts[0] == StatePrefix && number >= 0 && number < parameterCount)
                    {
                        if (!stateValues.TryGetValue(number, out var buffers))
                        {
                            buffers = [];
                            stateValues[number] = buffers;
                        }

                        buffers[parts[2]] = value;
                    }
                    else
                    {
                        throw new ArgumentException(
                            $"unexpected key '{key}': this optimizer has {groups.Count} parameter groups and {parameterCount} parameters, so keys are {GroupPrefix}.{{0..{groups.Count - 1}}}.<option> and {StatePrefix}.{{0..{parameterCount - 1}}}.<buffer>",
                            "state_dict");
                    }
                }

                return (groupValues, stateValues);
            }

            private (OptimizerOptions Options, double? Initial) ReadGroup(int g, Dictionary<string, Tensor> values)
            {
                var group = groups[g];
                try
                {
                    var count = StateValues.Require(values, "params").numel();
                    if (count != group.Parameters.Count)
                    {
                        throw new ArgumentException($"it holds {count} parameters in the state dict but {group.Parameters.Count} in this optimizer");
                    }

                    var options = group.Options.ReadFrom(values);
                    options.Validate();
                    double? initial = values.ContainsKey("initial_lr") ? StateValues.ReadDouble(values, "initial_lr") : null;
                    if (initial < 0)
                    {
                        throw new ArgumentOutOfRangeException("initial_lr", initial, "initial_lr must be non-negative");
                    }

                    return (options, initial);
                }
                catch (Exception e) when (e is ArgumentException or ObjectDisposedException)
                {
                    throw new ArgumentException($"{GroupPrefix}.{g}: {e.Message}", "state_dict", e);
                }
            }
        }
    }
}
