// Tensor lifetime, metadata and data access.
#include <algorithm>
#include <cstring>
#include <sstream>

#include "shim.h"

using mts::guard;

MTS_EXPORT void mts_tensor_free(MtsTensor* t) { delete t; }

MTS_EXPORT int mts_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim,
                                    int32_t dtype, MtsTensor** out) {
  return guard([&] {
    auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
    at::Tensor t = at::empty(at::IntArrayRef(shape, ndim), options);
    if (t.numel() > 0) std::memcpy(t.data_ptr(), data, t.nbytes());
    *out = mts::wrap(std::move(t));
  });
}

MTS_EXPORT int mts_tensor_empty(const int64_t* shape, int32_t ndim, int32_t dtype,
                                MtsTensor** out) {
  return guard([&] {
    auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
    *out = mts::wrap(at::empty(at::IntArrayRef(shape, ndim), options));
  });
}

MTS_EXPORT int32_t mts_tensor_dim(const MtsTensor* t) { return static_cast<int32_t>(t->dim()); }

MTS_EXPORT void mts_tensor_shape(const MtsTensor* t, int64_t* out) {
  auto sizes = t->sizes();
  for (size_t i = 0; i < sizes.size(); ++i) out[i] = sizes[i];
}

MTS_EXPORT int32_t mts_tensor_dtype(const MtsTensor* t) {
  return static_cast<int32_t>(t->scalar_type());
}

MTS_EXPORT int64_t mts_tensor_numel(const MtsTensor* t) { return t->numel(); }

MTS_EXPORT int32_t mts_tensor_is_contiguous(const MtsTensor* t) { return t->is_contiguous() ? 1 : 0; }

MTS_EXPORT int32_t mts_tensor_defined(const MtsTensor* t) { return t->defined() ? 1 : 0; }

// Copies the tensor's elements, in row-major order, into dst (nbytes long).
MTS_EXPORT int mts_tensor_copy_out(const MtsTensor* t, void* dst, int64_t nbytes) {
  return guard([&] {
    at::Tensor c = t->contiguous();
    TORCH_CHECK(static_cast<int64_t>(c.nbytes()) == nbytes, "destination holds ", nbytes,
                " bytes but the tensor has ", c.nbytes());
    if (nbytes > 0) std::memcpy(dst, c.data_ptr(), nbytes);
  });
}

// Copies nbytes from src into the tensor's storage; the tensor must be contiguous.
MTS_EXPORT int mts_tensor_copy_in(MtsTensor* t, const void* src, int64_t nbytes) {
  return guard([&] {
    TORCH_CHECK(t->is_contiguous(), "copy_in needs a contiguous tensor");
    TORCH_CHECK(static_cast<int64_t>(t->nbytes()) == nbytes, "source holds ", nbytes,
                " bytes but the tensor has ", t->nbytes());
    if (nbytes > 0) std::memcpy(t->data_ptr(), src, nbytes);
  });
}

// Returns the raw data pointer of a contiguous tensor (for zero-copy spans).
MTS_EXPORT int mts_tensor_data_ptr(MtsTensor* t, void** out) {
  return guard([&] {
    TORCH_CHECK(t->is_contiguous(), "data access needs a contiguous tensor; call contiguous() first");
    *out = t->data_ptr();
  });
}

// Reads a one-element tensor as double or int64 (kind 0 = double, 1 = int64).
MTS_EXPORT int mts_tensor_item(const MtsTensor* t, int32_t kind, void* out) {
  return guard([&] {
    c10::Scalar s = t->item();
    if (kind == 0) {
      *static_cast<double*>(out) = s.toDouble();
    } else {
      *static_cast<int64_t*>(out) = s.toLong();
    }
  });
}

MTS_EXPORT int mts_tensor_to_string(const MtsTensor* t, char* buffer, int32_t capacity,
                                    int32_t* written) {
  return guard([&] {
    std::ostringstream stream;
    stream << *t;
    std::string text = stream.str();
    int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), capacity));
    std::memcpy(buffer, text.data(), n);
    *written = n;
  });
}
