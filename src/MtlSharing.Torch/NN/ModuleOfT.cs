using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A module with one input: subclasses implement <see cref="forward"/>; callers use <see cref="call"/>.</summary>
        /// <typeparam name="T">The input type.</typeparam>
        /// <typeparam name="TResult">The output type.</typeparam>
        public abstract class Module<T, TResult> : Module
        {
            /// <summary>Creates an empty module in training mode.</summary>
            /// <param name="name">The module's name, by convention its type name.</param>
            protected Module(string name)
                : base(name)
            {
            }

            /// <summary>The computation of the module.</summary>
            /// <param name="input">The input.</param>
            /// <returns>The output.</returns>
            public abstract TResult forward(T input);

            /// <summary>
            /// Runs the forward pre-hooks, <see cref="forward"/> and the forward hooks, in
            /// registration order. Use this rather than calling forward directly.
            /// </summary>
            /// <param name="input">The input.</param>
            /// <returns>The output, as possibly replaced by a hook.</returns>
            public TResult call(T input)
            {
                if (!HasHooks)
                {
                    return forward(input);
                }

                foreach (var hook in ForwardPreHooks.ToList())
                {
                    if (((Func<Module<T, TResult>, T, T?>)hook)(this, input) is { } replaced)
                    {
                        input = replaced;
                    }
                }

                var result = forward(input);
                foreach (var hook in ForwardHooks.ToList())
                {
                    if (((Func<Module<T, TResult>, T, TResult, TResult?>)hook)(this, input, result) is { } replaced)
                    {
                        result = replaced;
                    }
                }

                return result;
            }

            /// <summary>Registers a function to run before each <see cref="call"/>; a non-null result replaces the input.</summary>
            /// <param name="hook">Receives the module and the input.</param>
            /// <returns>A handle that removes the hook.</returns>
            public HookHandle register_forward_pre_hook(Func<Module<T, TResult>, T, T?> hook) => AddHook(hook, pre: true);

            /// <summary>Registers a function to run after each <see cref="call"/>; a non-null result replaces the output.</summary>
            /// <param name="hook">Receives the module, the input and the output.</param>
            /// <returns>A handle that removes the hook.</returns>
            public HookHandle register_forward_hook(Func<Module<T, TResult>, T, TResult, TResult?> hook) => AddHook(hook, pre: false);

            /// <summary>A deep copy; see <see cref="Module.Clone"/>.</summary>
            /// <returns>The copy, which the caller owns.</returns>
            public new Module<T, TResult> Clone() => (Module<T, TResult>)base.Clone();
        }

        /// <summary>A module with two inputs: subclasses implement <see cref="forward"/>; callers use <see cref="call"/>.</summary>
        /// <typeparam name="T1">The first input type.</typeparam>
        /// <typeparam name="T2">The second input type.</typeparam>
        /// <typeparam name="TResult">The output type.</typeparam>
        public abstract class Module<T1, T2, TResult> : Module
        {
            /// <summary>Creates an empty module in training mode.</summary>
            /// <param name="name">The module's name, by convention its type name.</param>
            protected Module(string name)
                : base(name)
            {
            }

            /// <summary>The computation of the module.</summary>
            /// <param name="input1">The first input.</param>
            /// <param name="input2">The second input.</param>
            /// <returns>The output.</returns>
            public abstract TResult forward(T1 input1, T2 input2);

            /// <summary>Runs <see cref="forward"/>.</summary>
            /// <param name="input1">The first input.</param>
            /// <param name="input2">The second input.</param>
            /// <returns>The output.</returns>
            public TResult call(T1 input1, T2 input2) => forward(input1, input2);

            /// <summary>A deep copy; see <see cref="Module.Clone"/>.</summary>
            /// <returns>The copy, which the caller owns.</returns>
            public new Module<T1, T2, TResult> Clone() => (Module<T1, T2, TResult>)base.Clone();
        }
    }
}
