using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Stochastic gradient descent over one group of parameters, as in PyTorch 1.13.</summary>
        /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
        /// <param name="lr">The learning rate; non-negative.</param>
        /// <param name="momentum">The momentum factor; non-negative.</param>
        /// <param name="dampening">The dampening of the momentum.</param>
        /// <param name="weight_decay">The L2 penalty; non-negative.</param>
        /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and dampening = 0).</param>
        /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
        /// <returns>The optimizer.</returns>
        public static Modules.SGD SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov, maximize);

        /// <summary>Stochastic gradient descent over parameter groups; the arguments are the defaults of groups that do not set their own.</summary>
        /// <param name="param_groups">The parameter groups.</param>
        /// <param name="lr">The learning rate; non-negative.</param>
        /// <param name="momentum">The momentum factor; non-negative.</param>
        /// <param name="dampening">The dampening of the momentum.</param>
        /// <param name="weight_decay">The L2 penalty; non-negative.</param>
        /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and dampening = 0).</param>
        /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
        /// <returns>The optimizer.</returns>
        public static Modules.SGD SGD(IEnumerable<ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(param_groups, lr, momentum, dampening, weight_decay, nesterov, maximize);

        /// <summary>Adam over one group of parameters, as in PyTorch 1.13.</summary>
        /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
        /// <param name="lr">The learning rate; non-negative.</param>
        /// <param name="beta1">The decay of the running mean of gradients; in [0, 1).</param>
        /// <param name="beta2">The decay of the running mean of squared gradients; in [0, 1).</param>
        /// <param name="eps">The term added to the denominator; non-negative.</param>
        /// <param name="weight_decay">The L2 penalty added to the gradient; non-negative.</param>
        /// <param name="amsgrad">Use the AMSGrad variant.</param>
        /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
        /// <returns>The optimizer.</returns>
        public static Modules.Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

        /// <summary>Adam over parameter groups; the arguments are the defaults of groups that do not set their own.</summary>
        /// <param name="param_groups">The parameter groups.</param>
        /// <param name="lr">The learning rate; non-negative.</param>
        /// <param name="beta1">The decay of the running mean of gradients; in [0, 1).</param>
        /// <param name="beta2">The decay of the running mean of squared gradients; in [0, 1).</param>
        /// <param name="eps">The term added to the denominator; non-negative.</param>
        /// <param name="weight_decay">The L2 penalty added to the gradient; non-negative.</param>
        /// <param name="amsgrad">Use the AMSGrad variant.</param>
        /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
        /// <returns>The optimizer.</returns>
        public static Modules.Adam Adam(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(param_groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

        /// <summary>AdamW (decoupled weight decay) over one group of parameters, as in PyTorch 1.13.</summary>
        /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
        /// <param name="lr">The learning rate; non-negative.</param>
        /// <param name="beta1">The decay of the running mean of gradients; in [0, 1).</param>
        /// <param name="beta2">The decay of the running mean of squared gradients; in [0, 1).</param>
        /// <param name="eps">The term added to the denominator; non-negative.</param>
        /// <param name="weight_decay">The decoupled weight decay; non-negative.</param>
        /// <param name="amsgrad">Use the AMSGrad variant.</param>
        /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
        /// <returns>The optimizer.</returns>
        public static Modules.AdamW AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01, bool amsgrad = false, bool maximize = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

        /// <summary>AdamW over parameter groups; the arguments are the defaults of groups that do not set their own.</summary>
        /// <param name="param_groups">The parameter groups.</param>
        /// <param name="lr">The learning rate; non-negative.</param>
        /// <param name="beta1">The decay of the running mean of gradients; in [0, 1).</param>
        /// <param name="beta2">The decay of the running mean of squared gradients; in [0, 1).</param>
        /// <param name="eps">The term added to the denominator; non-negative.</param>
        /// <param name="weight_decay">The decoupled weight decay; non-negative.</param>
        /// <param name="amsgrad">Use the AMSGrad variant.</param>
        /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
        /// <returns>The optimizer.</returns>
        public static Modules.AdamW AdamW(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01, bool amsgrad = false, bool maximize = false) =>
            new(param_groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);
    }
}
