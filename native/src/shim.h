// The C ABI of the MtlSharing native shim over libtorch.
// Every exported function returns a status (0 = ok, 1 = error). On error the
// message is kept in a thread-local slot that mts_last_error() returns.
// No C++ exception ever crosses this boundary.
#pragma once

#include <ATen/ATen.h>
#include <cstdint>
#include <exception>
#include <string>

#define MTS_EXPORT extern "C" __attribute__((visibility("default")))

using MtsTensor = at::Tensor;

namespace mts {

void set_error(const std::string& message);

// Runs body and turns any exception into a status code plus stored message.
template <typename Body>
int guard(Body&& body) noexcept {
  try {
    body();
    return 0;
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown native error");
  }
  return 1;
}

inline MtsTensor* wrap(at::Tensor&& t) { return new MtsTensor(std::move(t)); }
inline MtsTensor* wrap(const at::Tensor& t) { return new MtsTensor(t); }

}  // namespace mts
