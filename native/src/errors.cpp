// Thread-local storage of the last native error message.
#include "shim.h"

namespace {
thread_local std::string last_error;
}

namespace mts {
void set_error(const std::string& message) { last_error = message; }
}  // namespace mts

MTS_EXPORT const char* mts_last_error() { return last_error.c_str(); }
