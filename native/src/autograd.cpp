// Autograd: requires_grad, gradients, backward and grad mode.
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <vector>

#include "shim.h"

using mts::guard;

MTS_EXPORT int32_t mts_tensor_requires_grad(const MtsTensor* t) { return t->requires_grad() ? 1 : 0; }

MTS_EXPORT int32_t mts_tensor_is_leaf(const MtsTensor* t) { return t->is_leaf() ? 1 : 0; }

MTS_EXPORT int mts_tensor_set_requires_grad(MtsTensor* t, int32_t value) {
  return guard([&] { t->set_requires_grad(value != 0); });
}

// Writes the tensor's gradient, or null when it has none.
MTS_EXPORT int mts_tensor_grad(const MtsTensor* t, MtsTensor** out) {
  return guard([&] {
    const at::Tensor& g = t->grad();
    *out = g.defined() ? mts::wrap(g) : nullptr;
  });
}

// Replaces the tensor's gradient; null clears it. As in PyTorch, the gradient must have the
// tensor's shape and element type.
MTS_EXPORT int mts_tensor_set_grad(MtsTensor* t, const MtsTensor* grad) {
  return guard([&] {
    if (grad == nullptr) {
      t->mutable_grad().reset();
      return;
    }
    TORCH_CHECK(grad->sizes() == t->sizes(), "assigned grad has data of a different size: the tensor is ",
                t->sizes(), " but the grad is ", grad->sizes());
    TORCH_CHECK(grad->scalar_type() == t->scalar_type(), "assigned grad has data of a different type: the tensor is ",
                t->scalar_type(), " but the grad is ", grad->scalar_type());
    t->mutable_grad() = *grad;
  });
}

MTS_EXPORT int mts_backward(const MtsTensor* t, const MtsTensor* grad, int32_t retain_graph,
                            int32_t create_graph) {
  return guard([&] {
    std::vector<at::Tensor> grads;
    if (grad != nullptr) grads.push_back(*grad);
    torch::autograd::backward({*t}, grads, retain_graph != 0, create_graph != 0);
  });
}

// Gradients of outputs with respect to inputs, without touching .grad.
MTS_EXPORT int mts_autograd_grad(MtsTensor* const* outputs, int32_t noutputs,
                                 MtsTensor* const* inputs, int32_t ninputs,
                                 MtsTensor* const* grad_outputs, int32_t retain_graph,
                                 int32_t create_graph, int32_t allow_unused, MtsTensor** results) {
  return guard([&] {
    std::vector<at::Tensor> outs, ins, gouts;
    for (int32_t k = 0; k < noutputs; ++k) {
      outs.push_back(*outputs[k]);
      gouts.push_back(grad_outputs != nullptr && grad_outputs[k] != nullptr ? *grad_outputs[k]
                                                                            : at::Tensor());
    }
    for (int32_t k = 0; k < ninputs; ++k) ins.push_back(*inputs[k]);
    auto grads = torch::autograd::grad(outs, ins, gouts, retain_graph != 0, create_graph != 0,
                                       allow_unused != 0);
    for (int32_t k = 0; k < ninputs; ++k) {
      results[k] = grads[k].defined() ? mts::wrap(grads[k]) : nullptr;
    }
  });
}

MTS_EXPORT int32_t mts_is_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }

MTS_EXPORT void mts_set_grad_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }
