using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    /// <summary>Optimizers (SGD, Adam, AdamW), learning-rate schedulers and their base classes.</summary>
    public static partial class optim
    {
        /// <summary>
        /// The base of every optimizer: parameter groups, per-parameter state, <see cref="step"/>,
        /// <see cref="zero_grad"/> and state dictionaries. A subclass supplies the update of one
        /// parameter. Disposing the optimizer releases its state tensors, never the parameters.
        /// </summary>
        public abstract partial class Optimizer : IDisposable
        {
            private readonly List<ParamGroup> groups = [];
            private readonly Dictionary<Parameter, Dictionary<string, Tensor>> state = new(ReferenceEqualityComparer.Instance);
            private bool disposed;

            /// <summary>Makes an optimizer over parameter groups; every group is checked before any is taken.</summary>
            /// <param name="param_groups">The groups; together they must hold at least one parameter, each at most once.</param>
            /// <param name="defaults">The options of groups that do not set their own.</param>
            protected Optimizer(IEnumerable<ParamGroup> param_groups, OptimizerOptions defaults)
            {
                ArgumentNullException.ThrowIfNull(param_groups);
                ArgumentNullException.ThrowIfNull(defaults);
                defaults.Validate();
                this.defaults = defaults with { };

                var list = param_groups.ToList();
                if (list.Any(g => g is null))
                {
                    throw new ArgumentException("a parameter group is null", nameof(param_groups));
                }

                if (list.Sum(g => g.Parameters.Count) == 0)
                {
                    throw new ArgumentException("the optimizer got an empty parameter list", nameof(param_groups));
                }

                if (list.Distinct().Count() != list.Count)
                {
                    throw new ArgumentException("the same ParamGroup was given twice", nameof(param_groups));
                }

                var resolved = list.Select(g => g.Resolve(this.defaults)).ToList();
                RequireDistinct(list.SelectMany(g => g.Parameters));
                for (var i = 0; i < list.Count; i++)
                {
                    list[i].Attach(resolved[i]);
                    groups.Add(list[i]);
                }
            }

            /// <summary>The options given to groups that do not set their own (PyTorch's <c>defaults</c>).</summary>
            public OptimizerOptions defaults { get; }

            /// <summary>The parameter groups, in order.</summary>
            public IReadOnlyList<ParamGroup> param_groups => groups;

            /// <summary>Adds a parameter group, e.g. for layers unfrozen during training.</summary>
            /// <param name="param_group">The group; its parameters must not be in this optimizer already.</param>
            public void add_param_group(ParamGroup param_group)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                ArgumentNullException.ThrowIfNull(param_group);
                var resolved = param_group.Resolve(defaults);
                RequireDistinct(groups.SelectMany(g => g.Parameters).Concat(param_group.Parameters));
                param_group.Attach(resolved);
                groups.Add(param_group);
            }

            /// <summary>
            /// Updates every parameter that has a gradient; parameters without one are skipped. Runs
            /// without recording gradients and releases its temporaries at once.
            /// </summary>
            /// <param name="closure">Optionally, a function that recomputes the loss (with gradients enabled) before the update.</param>
            /// <returns>The closure's loss, or null.</returns>
            public Tensor? step(Func<Tensor>? closure = null)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                Tensor? loss = null;
                if (closure is not null)
                {
                    using var enabled = set_grad_enabled(true);
                    loss = closure();
                }

                using var noGrad = no_grad();
                foreach (var group in groups)
                {
                    foreach (var parameter in group.Parameters)
                    {
                        using var scope = NewDisposeScope();
                        var grad = parameter.grad;
                        if (grad is null)
                        {
                            continue;
                        }

                        if (!state.TryGetValue(parameter, out var parameterState))
                        {
                            parameterState = [];
                            state[parameter] = parameterState;
                        }

                        Update(parameter, grad, group.Options, parameterState);
                        foreach (var kept in parameterState.Values)
                        {
                            kept.DetachFromDisposeScope();
                        }
                    }
                }

                return loss;
            }

            /// <summary>Clears the gradients of every parameter.</summary>
            /// <param name="set_to_none">Drop the gradients (the default, as in PyTorch) instead of filling them with zeros.</param>
            public void zero_grad(bool set_to_none = true)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                using var noGrad = no_grad();
                foreach (var parameter in groups.SelectMany(g => g.Parameters))
                {
                    if (set_to_none)
                    {
                        parameter.grad = null;
                        continue;
                    }

                    using var grad = parameter.grad;
                    grad?.zero_();
                }
            }

            /// <summary>Releases the state tensors (momentum buffers, moments).</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Releases the state tensors.</summary>
            /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
            protected virtual void Dispose(bool disposing)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                if (disposing)
                {
                    DisposeState(state);
                }
            }

            /// <summary>
            /// Updates one parameter in place from its gradient. Runs without gradient recording,
            /// inside a dispose scope: temporaries need no care, and tensors stored in
            /// <paramref name="state"/> are kept across steps.
            /// </summary>
            /// <param name="parameter">The parameter to update.</param>
            /// <param name="grad">Its gradient.</param>
            /// <param name="options">The options of its group.</param>
            /// <param name="state">Its state, empty before its first update.</param>
            protected abstract void Update(Parameter parameter, Tensor grad, OptimizerOptions options, IDictionary<string, Tensor> state);

            private static void RequireDistinct(IEnumerable<Parameter> parameters)
            {
                var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
                var index = 0;
                foreach (var parameter in parameters)
                {
                    if (!seen.Add(parameter))
                    {
                        throw new ArgumentException($"parameter {index} ({parameter}) appears more than once across the parameter groups");
                    }

                    index++;
                }
            }

            private static void DisposeState(Dictionary<Parameter, Dictionary<string, Tensor>> states)
            {
                foreach (var tensor in states.Values.SelectMany(s => s.Values))
                {
                    tensor.Dispose();
                }

                states.Clear();
            }
        }
    }
}
