// CPU automatic mixed precision (autocast). All of libtorch's autocast state is per thread:
// whether AutocastCPU is on, its lower-precision type, the nesting depth and the cache of
// weights already cast to that type.
#include <ATen/autocast_mode.h>

#include "shim.h"

using mts::guard;

// The calling thread's CPU autocast state.
MTS_EXPORT int mts_autocast_cpu_state(int32_t* enabled, int32_t* dtype) {
  return guard([&] {
    *enabled = at::autocast::is_cpu_enabled() ? 1 : 0;
    *dtype = static_cast<int32_t>(at::autocast::get_autocast_cpu_dtype());
  });
}

// Enters an autocast scope on the calling thread, as torch.autocast's __enter__ does for the CPU.
// The type is checked before anything changes, so a refused call leaves the state as it was.
MTS_EXPORT int mts_autocast_cpu_enter(int32_t enabled, int32_t dtype) {
  return guard([&] {
    const auto type = static_cast<at::ScalarType>(dtype);
    TORCH_CHECK(type == at::kBFloat16, "CPU autocast in libtorch 1.13 supports only BFloat16; got ", type);
    at::autocast::set_autocast_cpu_dtype(type);
    at::autocast::set_cpu_enabled(enabled != 0);
    at::autocast::increment_nesting();
  });
}

// Leaves an autocast scope: the outermost exit frees the cached lower-precision weights, then
// the state from before the scope is restored.
MTS_EXPORT int mts_autocast_cpu_exit(int32_t previous_enabled, int32_t previous_dtype) {
  return guard([&] {
    if (at::autocast::decrement_nesting() == 0) {
      at::autocast::clear_cache();
    }
    at::autocast::set_cpu_enabled(previous_enabled != 0);
    at::autocast::set_autocast_cpu_dtype(static_cast<at::ScalarType>(previous_dtype));
  });
}
