// State dicts in PyTorch's zip format (torch.save / torch.load compatible).
#include <torch/csrc/jit/serialization/pickle.h>

#include <string>
#include <utility>
#include <vector>

#include "shim.h"

using mts::guard;

namespace {

using Entries = std::vector<std::pair<std::string, at::Tensor>>;

// Flattens nested dicts into dotted keys; numbers become zero-dim tensors.
void flatten(const std::string& prefix, const c10::IValue& value, Entries& out) {
  if (value.isTensor()) {
    out.emplace_back(prefix, value.toTensor());
  } else if (value.isGenericDict()) {
    for (const auto& item : value.toGenericDict()) {
      TORCH_CHECK(item.key().isString() || item.key().isInt(),
                  "checkpoint key under '", prefix, "' is neither a string nor an integer");
      std::string key = item.key().isString() ? item.key().toStringRef()
                                              : std::to_string(item.key().toInt());
      flatten(prefix.empty() ? key : prefix + "." + key, item.value(), out);
    }
  } else if (value.isInt()) {
    out.emplace_back(prefix, at::scalar_tensor(value.toInt(), at::kLong));
  } else if (value.isDouble()) {
    out.emplace_back(prefix, at::scalar_tensor(value.toDouble(), at::kDouble));
  } else if (value.isBool()) {
    out.emplace_back(prefix, at::scalar_tensor(value.toBool(), at::kBool));
  } else if (value.isNone()) {
    // Absent optional entries (such as a missing momentum buffer) carry nothing.
  } else {
    TORCH_CHECK(false, "checkpoint entry '", prefix, "' holds a ", value.tagKind(),
                ", which is not a tensor, number or dict");
  }
}

}  // namespace

MTS_EXPORT int mts_save_dict(const char* const* names, MtsTensor* const* tensors, int32_t n,
                             std::vector<char>** out) {
  return guard([&] {
    c10::Dict<std::string, at::Tensor> dict;
    for (int32_t k = 0; k < n; ++k) dict.insert(names[k], *tensors[k]);
    *out = new std::vector<char>(torch::jit::pickle_save(c10::IValue(dict)));
  });
}

MTS_EXPORT const char* mts_bytes_data(const std::vector<char>* bytes) { return bytes->data(); }

MTS_EXPORT int64_t mts_bytes_size(const std::vector<char>* bytes) {
  return static_cast<int64_t>(bytes->size());
}

MTS_EXPORT void mts_bytes_free(std::vector<char>* bytes) { delete bytes; }

MTS_EXPORT int mts_load_dict(const char* data, int64_t size, Entries** out) {
  return guard([&] {
    c10::IValue value = torch::jit::pickle_load(std::vector<char>(data, data + size));
    TORCH_CHECK(value.isGenericDict(), "the checkpoint holds a ", value.tagKind(),
                ", not a dict of tensors");
    auto entries = std::make_unique<Entries>();
    flatten("", value, *entries);
    *out = entries.release();
  });
}

MTS_EXPORT int32_t mts_entries_count(const Entries* entries) {
  return static_cast<int32_t>(entries->size());
}

MTS_EXPORT const char* mts_entries_key(const Entries* entries, int32_t index) {
  return (*entries)[index].first.c_str();
}

MTS_EXPORT MtsTensor* mts_entries_tensor(const Entries* entries, int32_t index) {
  return mts::wrap((*entries)[index].second);
}

MTS_EXPORT void mts_entries_free(Entries* entries) { delete entries; }
