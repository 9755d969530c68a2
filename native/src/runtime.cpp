// Threads and random number generation.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include "shim.h"

using mts::guard;

MTS_EXPORT int mts_set_num_threads(int32_t n) {
  return guard([&] { at::set_num_threads(n); });
}

MTS_EXPORT int32_t mts_get_num_threads() { return at::get_num_threads(); }

MTS_EXPORT void mts_manual_seed(uint64_t seed) {
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_current_seed(seed);
}

MTS_EXPORT int mts_get_rng_state(MtsTensor** out) {
  return guard([&] {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    *out = mts::wrap(gen.get_state());
  });
}

MTS_EXPORT int mts_set_rng_state(const MtsTensor* state) {
  return guard([&] {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(*state);
  });
}
