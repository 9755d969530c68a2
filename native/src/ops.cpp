// Operator calls through the ATen dispatcher: the managed side names an
// operator schema once, then calls it with a packed array of tagged arguments.
#include <ATen/core/dispatch/Dispatcher.h>

#include <cstring>
#include <sstream>
#include <vector>

#include "shim.h"

using mts::guard;

namespace {

enum ArgKind : int32_t {
  kNone = 0,
  kTensor = 1,
  kInt = 2,
  kDouble = 3,
  kBool = 4,
  kIntList = 5,
  kTensorList = 6,
  kDoubleList = 7,
  kString = 8,
  kOptionalTensorList = 9,
};

struct MtsArg {
  int32_t kind;
  int32_t count;
  union {
    MtsTensor* tensor;
    int64_t i;
    double d;
    const int64_t* ints;
    MtsTensor* const* tensors;
    const double* doubles;
    const char* str;
  } v;
};

static_assert(sizeof(MtsArg) == 16, "MtsArg must match the managed layout");

c10::IValue to_ivalue(const MtsArg& a) {
  switch (a.kind) {
    case kNone:
      return c10::IValue();
    case kTensor:
      return a.v.tensor == nullptr ? c10::IValue() : c10::IValue(*a.v.tensor);
    case kInt:
      return c10::IValue(a.v.i);
    case kDouble:
      return c10::IValue(a.v.d);
    case kBool:
      return c10::IValue(a.v.i != 0);
    case kIntList:
      return c10::IValue(std::vector<int64_t>(a.v.ints, a.v.ints + a.count));
    case kDoubleList:
      return c10::IValue(std::vector<double>(a.v.doubles, a.v.doubles + a.count));
    case kString:
      return c10::IValue(std::string(a.v.str));
    case kTensorList: {
      c10::List<at::Tensor> list;
      list.reserve(a.count);
      for (int32_t k = 0; k < a.count; ++k) list.push_back(*a.v.tensors[k]);
      return c10::IValue(list);
    }
    case kOptionalTensorList: {
      c10::List<c10::optional<at::Tensor>> list;
      list.reserve(a.count);
      for (int32_t k = 0; k < a.count; ++k) {
        MtsTensor* t = a.v.tensors[k];
        list.push_back(t == nullptr ? c10::optional<at::Tensor>() : c10::optional<at::Tensor>(*t));
      }
      return c10::IValue(list);
    }
    default:
      TORCH_CHECK(false, "unknown argument kind ", a.kind);
  }
}

void push_result(const c10::IValue& value, MtsArg* out, int32_t capacity, int32_t& n) {
  auto slot = [&]() -> MtsArg& {
    TORCH_CHECK(n < capacity, "operator returned more than ", capacity, " values");
    return out[n++];
  };
  if (value.isTensor()) {
    const at::Tensor& t = value.toTensor();
    MtsArg& a = slot();
    a.kind = t.defined() ? kTensor : kNone;
    a.v.tensor = t.defined() ? mts::wrap(t) : nullptr;
  } else if (value.isTensorList()) {
    for (const at::Tensor& t : value.toTensorList()) push_result(c10::IValue(t), out, capacity, n);
  } else if (value.isTuple()) {
    for (const c10::IValue& e : value.toTupleRef().elements()) push_result(e, out, capacity, n);
  } else if (value.isInt()) {
    MtsArg& a = slot();
    a.kind = kInt;
    a.v.i = value.toInt();
  } else if (value.isDouble()) {
    MtsArg& a = slot();
    a.kind = kDouble;
    a.v.d = value.toDouble();
  } else if (value.isBool()) {
    MtsArg& a = slot();
    a.kind = kBool;
    a.v.i = value.toBool() ? 1 : 0;
  } else if (value.isNone()) {
    MtsArg& a = slot();
    a.kind = kNone;
    a.v.tensor = nullptr;
  } else {
    TORCH_CHECK(false, "unsupported operator result type ", value.tagKind());
  }
}

}  // namespace

// Finds an operator by name ("aten::conv2d") and overload ("" for the default).
MTS_EXPORT int mts_op_find(const char* name, const char* overload, void** out) {
  return guard([&] {
    auto handle = c10::Dispatcher::singleton().findSchemaOrThrow(name, overload);
    *out = new c10::OperatorHandle(handle);
  });
}

MTS_EXPORT int mts_op_schema(void* op, char* buffer, int32_t capacity, int32_t* written) {
  return guard([&] {
    std::ostringstream stream;
    stream << static_cast<c10::OperatorHandle*>(op)->schema();
    std::string text = stream.str();
    int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), capacity));
    std::memcpy(buffer, text.data(), n);
    *written = n;
  });
}

// Calls an operator with nargs arguments; writes up to capacity results. A capacity of zero
// discards the results (in-place operators, whose result is self). The argument stack is reused
// per thread, so a call allocates nothing beyond what the operator itself needs.
MTS_EXPORT int mts_op_call(void* op, const MtsArg* args, int32_t nargs, MtsArg* results,
                           int32_t capacity, int32_t* nresults) {
  thread_local std::vector<c10::IValue> stack;
  struct ClearOnExit {
    std::vector<c10::IValue>& values;
    ~ClearOnExit() { values.clear(); }
  } clear_on_exit{stack};
  *nresults = 0;
  return guard([&] {
    stack.clear();
    stack.reserve(nargs);
    for (int32_t k = 0; k < nargs; ++k) stack.push_back(to_ivalue(args[k]));
    static_cast<c10::OperatorHandle*>(op)->callBoxed(&stack);
    if (capacity == 0) return;
    int32_t n = 0;
    try {
      for (const c10::IValue& value : stack) push_result(value, results, capacity, n);
    } catch (...) {
      for (int32_t k = 0; k < n; ++k) {
        if (results[k].kind == kTensor) delete results[k].v.tensor;
      }
      throw;
    }
    *nresults = n;
  });
}
