// Writes state dicts in PyTorch's zip format, so torch.load in Python opens them.
// Reading is done on the managed side (src/MtlSharing.Torch/Serialization), because
// libtorch's unpickler cannot read the OrderedDict that Python's state_dict() pickles.
#include <torch/csrc/jit/serialization/pickle.h>

#include <string>
#include <vector>

#include "shim.h"

using mts::guard;

namespace {

// A detached tensor that owns exactly its own elements: views, non-contiguous tensors and
// tensors sharing a larger storage are copied, so the file holds no unused bytes.
at::Tensor compact(const at::Tensor& tensor) {
  at::Tensor detached = tensor.detach();
  const bool owns_storage =
      detached.is_contiguous() && detached.storage_offset() == 0 &&
      detached.storage().nbytes() == static_cast<size_t>(detached.numel()) * detached.element_size();
  return owns_storage ? detached : detached.clone(at::MemoryFormat::Contiguous);
}

}  // namespace

MTS_EXPORT int mts_save_dict(const char* const* names, MtsTensor* const* tensors, int32_t n,
                             std::vector<char>** out) {
  return guard([&] {
    c10::Dict<std::string, at::Tensor> dict;
    for (int32_t k = 0; k < n; ++k) {
      TORCH_CHECK(tensors[k]->defined(), "the tensor under key '", names[k], "' is undefined");
      dict.insert(names[k], compact(*tensors[k]));
    }
    *out = new std::vector<char>(torch::jit::pickle_save(c10::IValue(dict)));
  });
}

MTS_EXPORT const char* mts_bytes_data(const std::vector<char>* bytes) { return bytes->data(); }

MTS_EXPORT int64_t mts_bytes_size(const std::vector<char>* bytes) {
  return static_cast<int64_t>(bytes->size());
}

MTS_EXPORT void mts_bytes_free(std::vector<char>* bytes) { delete bytes; }
