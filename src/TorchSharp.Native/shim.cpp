// TorchSharpShim: the extern "C" surface the managed TorchSharp-API binding calls.
//
// Conventions
//  * A tensor crosses the boundary as an owning `at::Tensor*` (a "handle"); tsh_free deletes it.
//    Every handle made here is counted, so tests can assert that native memory comes back.
//  * Every entry point catches c10::Error and std::exception: it records the message in a
//    thread-local slot and returns a failure value (nullptr, -1). The managed side reads
//    tsh_last_error() and throws. Nothing libtorch throws may cross into .NET.
//  * A Scalar crosses as (kind, double, int64): kind 0 = floating, 1 = integral, 2 = bool.
//  * Enum values are libtorch's own: ScalarType and DeviceType match c10's numbering,
//    which TorchSharp's enums also follow.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/csrc/api/include/torch/version.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#define TSH_API extern "C" __attribute__((visibility("default")))

using at::Tensor;

namespace {

thread_local std::string g_last_error;
thread_local bool g_has_error = false;
std::atomic<int64_t> g_live_tensors{0};

void set_error(const char* message) {
  g_last_error = message ? message : "unknown native error";
  g_has_error = true;
}

Tensor* wrap(Tensor&& t) {
  auto* h = new Tensor(std::move(t));
  g_live_tensors.fetch_add(1, std::memory_order_relaxed);
  return h;
}

c10::Scalar make_scalar(int kind, double d, int64_t l) {
  switch (kind) {
    case 0: return c10::Scalar(d);
    case 1: return c10::Scalar(l);
    case 2: return c10::Scalar(l != 0);
    default: throw std::invalid_argument("unknown Scalar kind " + std::to_string(kind));
  }
}

at::Device make_device(int type, int index) {
  return at::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

at::TensorOptions make_options(int dtype, int dev_type, int dev_index, bool requires_grad) {
  auto o = at::TensorOptions()
               .dtype(static_cast<at::ScalarType>(dtype))
               .device(make_device(dev_type, dev_index));
  // requires_grad is applied after creation: factory functions reject it for integer dtypes
  // with a clearer message from set_requires_grad.
  (void)requires_grad;
  return o;
}

Tensor finish(Tensor t, bool requires_grad) {
  if (requires_grad) t.set_requires_grad(true);
  return t;
}

c10::optional<at::ScalarType> opt_dtype(int dtype) {
  if (dtype < 0) return c10::nullopt;
  return static_cast<at::ScalarType>(dtype);
}

at::IntArrayRef dims_of(const int64_t* dims, int n) { return at::IntArrayRef(dims, static_cast<size_t>(n)); }

}  // namespace

// Wraps a body that returns a handle / int / double; on an exception records it and returns FAIL.
#define TSH_TRY(FAIL, ...)                           \
  try {                                              \
    g_has_error = false;                             \
    __VA_ARGS__                                      \
  } catch (const c10::Error& e) {                    \
    set_error(e.what_without_backtrace());           \
    return FAIL;                                     \
  } catch (const std::exception& e) {                \
    set_error(e.what());                             \
    return FAIL;                                     \
  } catch (...) {                                    \
    set_error("unknown native exception");          \
    return FAIL;                                     \
  }

// ---------------------------------------------------------------------------------------------
// Errors, lifetime, diagnostics
// ---------------------------------------------------------------------------------------------

/// The message of the last failure on this thread, or nullptr. Valid until the next call.
TSH_API const char* tsh_last_error() { return g_has_error ? g_last_error.c_str() : nullptr; }

TSH_API int64_t tsh_live_tensors() { return g_live_tensors.load(); }

TSH_API void tsh_free(Tensor* t) {
  if (t == nullptr) return;
  delete t;
  g_live_tensors.fetch_sub(1, std::memory_order_relaxed);
}

TSH_API const char* tsh_version() { return TORCH_VERSION; }

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

TSH_API int tsh_ndim(Tensor* t) { TSH_TRY(-1, { return static_cast<int>(t->dim()); }) }

TSH_API int tsh_shape(Tensor* t, int64_t* out) {
  TSH_TRY(-1, {
    auto s = t->sizes();
    std::copy(s.begin(), s.end(), out);
    return 0;
  })
}

TSH_API int tsh_stride(Tensor* t, int64_t* out) {
  TSH_TRY(-1, {
    auto s = t->strides();
    std::copy(s.begin(), s.end(), out);
    return 0;
  })
}

TSH_API int tsh_dtype(Tensor* t) { TSH_TRY(-1, { return static_cast<int>(t->scalar_type()); }) }
TSH_API int tsh_device_type(Tensor* t) { TSH_TRY(-1, { return static_cast<int>(t->device().type()); }) }
TSH_API int tsh_device_index(Tensor* t) { TSH_TRY(-2, { return static_cast<int>(t->device().index()); }) }
TSH_API int64_t tsh_numel(Tensor* t) { TSH_TRY(-1, { return t->numel(); }) }
TSH_API int tsh_requires_grad(Tensor* t) { TSH_TRY(-1, { return t->requires_grad() ? 1 : 0; }) }
TSH_API int tsh_is_leaf(Tensor* t) { TSH_TRY(-1, { return t->is_leaf() ? 1 : 0; }) }

TSH_API int tsh_set_requires_grad(Tensor* t, int value) {
  TSH_TRY(-1, {
    t->set_requires_grad(value != 0);
    return 0;
  })
}

// ---------------------------------------------------------------------------------------------
// Creation
// ---------------------------------------------------------------------------------------------

/// Copies `data` (elements of `src_dtype`, row-major, shape `dims`) into a new tensor of
/// `dtype` (or src_dtype when dtype < 0) on the given device.
TSH_API Tensor* tsh_from_data(const void* data, int src_dtype, const int64_t* dims, int ndims, int dtype, int dev_type,
                              int dev_index, int requires_grad) {
  TSH_TRY(nullptr, {
    auto src = at::from_blob(const_cast<void*>(data), dims_of(dims, ndims),
                             at::TensorOptions().dtype(static_cast<at::ScalarType>(src_dtype)));
    auto target_dtype = dtype < 0 ? static_cast<at::ScalarType>(src_dtype) : static_cast<at::ScalarType>(dtype);
    Tensor t = src.to(make_device(dev_type, dev_index), target_dtype, /*non_blocking=*/false, /*copy=*/true);
    return wrap(finish(std::move(t), requires_grad != 0));
  })
}

TSH_API Tensor* tsh_scalar_tensor(int kind, double d, int64_t l, int dtype, int dev_type, int dev_index,
                                  int requires_grad) {
  TSH_TRY(nullptr, {
    auto s = make_scalar(kind, d, l);
    auto opts = at::TensorOptions().device(make_device(dev_type, dev_index));
    opts = opts.dtype(dtype < 0 ? s.type() : static_cast<at::ScalarType>(dtype));
    return wrap(finish(at::scalar_tensor(s, opts), requires_grad != 0));
  })
}

enum FillKind { FILL_ZEROS = 0, FILL_ONES = 1, FILL_EMPTY = 2, FILL_RANDN = 3, FILL_RAND = 4 };

TSH_API Tensor* tsh_new(int kind, const int64_t* dims, int ndims, int dtype, int dev_type, int dev_index,
                        int requires_grad, at::Generator* gen) {
  TSH_TRY(nullptr, {
    auto opts = make_options(dtype, dev_type, dev_index, requires_grad != 0);
    auto size = dims_of(dims, ndims);
    c10::optional<at::Generator> g = gen ? c10::optional<at::Generator>(*gen) : c10::nullopt;
    Tensor t;
    switch (kind) {
      case FILL_ZEROS: t = at::zeros(size, opts); break;
      case FILL_ONES: t = at::ones(size, opts); break;
      case FILL_EMPTY: t = at::empty(size, opts); break;
      case FILL_RANDN: t = at::randn(size, g, opts); break;
      case FILL_RAND: t = at::rand(size, g, opts); break;
      default: throw std::invalid_argument("unknown fill kind");
    }
    return wrap(finish(std::move(t), requires_grad != 0));
  })
}

TSH_API Tensor* tsh_full(const int64_t* dims, int ndims, int kind, double d, int64_t l, int dtype, int dev_type,
                         int dev_index, int requires_grad) {
  TSH_TRY(nullptr, {
    auto s = make_scalar(kind, d, l);
    auto opts = at::TensorOptions().device(make_device(dev_type, dev_index));
    // No dtype: at::full infers it as PyTorch does (bool -> Bool, integral -> Int64,
    // floating -> the default dtype, Float32), not from the Scalar's double storage.
    if (dtype >= 0) opts = opts.dtype(static_cast<at::ScalarType>(dtype));
    return wrap(finish(at::full(dims_of(dims, ndims), s, opts), requires_grad != 0));
  })
}

TSH_API Tensor* tsh_randint(int64_t low, int64_t high, const int64_t* dims, int ndims, int dtype, int dev_type,
                            int dev_index, int requires_grad, at::Generator* gen) {
  TSH_TRY(nullptr, {
    auto opts = make_options(dtype < 0 ? static_cast<int>(at::kLong) : dtype, dev_type, dev_index, false);
    c10::optional<at::Generator> g = gen ? c10::optional<at::Generator>(*gen) : c10::nullopt;
    return wrap(finish(at::randint(low, high, dims_of(dims, ndims), g, opts), requires_grad != 0));
  })
}

TSH_API Tensor* tsh_arange(int k0, double d0, int64_t l0, int k1, double d1, int64_t l1, int k2, double d2,
                           int64_t l2, int dtype, int dev_type, int dev_index, int requires_grad) {
  TSH_TRY(nullptr, {
    auto start = make_scalar(k0, d0, l0), stop = make_scalar(k1, d1, l1), step = make_scalar(k2, d2, l2);
    auto opts = at::TensorOptions().device(make_device(dev_type, dev_index));
    if (dtype >= 0) opts = opts.dtype(static_cast<at::ScalarType>(dtype));
    return wrap(finish(at::arange(start, stop, step, opts), requires_grad != 0));
  })
}

TSH_API Tensor* tsh_multinomial(Tensor* probs, int64_t n, int replacement, at::Generator* gen) {
  TSH_TRY(nullptr, {
    c10::optional<at::Generator> g = gen ? c10::optional<at::Generator>(*gen) : c10::nullopt;
    return wrap(at::multinomial(*probs, n, replacement != 0, g));
  })
}

TSH_API Tensor* tsh_randperm(int64_t n, int dtype, int dev_type, int dev_index, at::Generator* gen) {
  TSH_TRY(nullptr, {
    c10::optional<at::Generator> g = gen ? c10::optional<at::Generator>(*gen) : c10::nullopt;
    auto opts = make_options(dtype < 0 ? static_cast<int>(at::kLong) : dtype, dev_type, dev_index, false);
    return wrap(at::randperm(n, g, opts));
  })
}

// ---------------------------------------------------------------------------------------------
// Pointwise and structural ops, dispatched by an op code shared with the managed side
// (TorchSharp.Native.UnaryOp / BinaryOp). Codes are append-only.
// ---------------------------------------------------------------------------------------------

enum UnaryOp {
  U_NEG = 0, U_EXP = 1, U_LOG = 2, U_SIGMOID = 3, U_LOG_SIGMOID = 4, U_ABS = 5, U_SQRT = 6, U_T = 7,
  U_CLONE = 8, U_DETACH = 9, U_RELU = 10, U_TANH = 11, U_CONTIGUOUS = 12, U_SQUARE = 13, U_SIGN = 14,
  U_FLOOR = 15, U_ISNAN = 16, U_ISFINITE = 17, U_LOG1P = 18, U_RSQRT = 19, U_LOGICAL_NOT = 20,
  U_ARGMAX_ALL = 21, U_MAX_ALL = 22, U_MIN_ALL = 23, U_ARGMIN_ALL = 24, U_FLATTEN = 25,
  U_CPU = 26
};

TSH_API Tensor* tsh_unary(Tensor* a, int op) {
  TSH_TRY(nullptr, {
    const Tensor& x = *a;
    switch (op) {
      case U_NEG: return wrap(x.neg());
      case U_EXP: return wrap(x.exp());
      case U_LOG: return wrap(x.log());
      case U_SIGMOID: return wrap(x.sigmoid());
      case U_LOG_SIGMOID: return wrap(at::log_sigmoid(x));
      case U_ABS: return wrap(x.abs());
      case U_SQRT: return wrap(x.sqrt());
      case U_T: return wrap(x.t());
      case U_CLONE: return wrap(x.clone());
      case U_DETACH: return wrap(x.detach());
      case U_RELU: return wrap(x.relu());
      case U_TANH: return wrap(x.tanh());
      case U_CONTIGUOUS: return wrap(x.contiguous());
      case U_SQUARE: return wrap(x.square());
      case U_SIGN: return wrap(x.sign());
      case U_FLOOR: return wrap(x.floor());
      case U_ISNAN: return wrap(x.isnan());
      case U_ISFINITE: return wrap(x.isfinite());
      case U_LOG1P: return wrap(x.log1p());
      case U_RSQRT: return wrap(x.rsqrt());
      case U_LOGICAL_NOT: return wrap(x.logical_not());
      case U_ARGMAX_ALL: return wrap(x.argmax());
      case U_MAX_ALL: return wrap(x.max());
      case U_MIN_ALL: return wrap(x.min());
      case U_ARGMIN_ALL: return wrap(x.argmin());
      case U_FLATTEN: return wrap(x.flatten());
      case U_CPU: return wrap(x.cpu());
      default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
    }
  })
}

/// In-place unary ops: returns 0 or -1.
TSH_API int tsh_unary_(Tensor* a, int op) {
  TSH_TRY(-1, {
    Tensor& x = *a;
    switch (op) {
      case U_NEG: x.neg_(); break;
      case U_EXP: x.exp_(); break;
      case U_LOG: x.log_(); break;
      case U_SIGMOID: x.sigmoid_(); break;
      case U_ABS: x.abs_(); break;
      case U_SQRT: x.sqrt_(); break;
      case U_DETACH: x.detach_(); break;
      case U_RELU: x.relu_(); break;
      case U_TANH: x.tanh_(); break;
      default: throw std::invalid_argument("unknown in-place unary op " + std::to_string(op));
    }
    return 0;
  })
}

enum BinaryOp {
  B_ADD = 0, B_SUB = 1, B_MUL = 2, B_DIV = 3, B_MM = 4, B_MATMUL = 5, B_BMM = 6, B_DOT = 7, B_OUTER = 8,
  B_MV = 9, B_POW = 10, B_EQ = 11, B_NE = 12, B_LT = 13, B_LE = 14, B_GT = 15, B_GE = 16, B_REMAINDER = 17,
  B_MAXIMUM = 18, B_MINIMUM = 19, B_RSUB = 20, B_LOGICAL_AND = 21, B_LOGICAL_OR = 22, B_COPY = 23,
  B_CLAMP = 24, B_MASKED_FILL = 25, B_FILL = 26, B_RDIV = 27
};

/// a (op) b. `alpha` scales b for add/sub.
TSH_API Tensor* tsh_binary(Tensor* a, Tensor* b, int op, int ak, double ad, int64_t al) {
  TSH_TRY(nullptr, {
    const Tensor& x = *a;
    const Tensor& y = *b;
    switch (op) {
      case B_ADD: return wrap(at::add(x, y, make_scalar(ak, ad, al)));
      case B_SUB: return wrap(at::sub(x, y, make_scalar(ak, ad, al)));
      case B_MUL: return wrap(at::mul(x, y));
      case B_DIV: return wrap(at::div(x, y));
      case B_MM: return wrap(at::mm(x, y));
      case B_MATMUL: return wrap(at::matmul(x, y));
      case B_BMM: return wrap(at::bmm(x, y));
      case B_DOT: return wrap(at::dot(x, y));
      case B_OUTER: return wrap(at::outer(x, y));
      case B_MV: return wrap(at::mv(x, y));
      case B_POW: return wrap(at::pow(x, y));
      case B_EQ: return wrap(at::eq(x, y));
      case B_NE: return wrap(at::ne(x, y));
      case B_LT: return wrap(at::lt(x, y));
      case B_LE: return wrap(at::le(x, y));
      case B_GT: return wrap(at::gt(x, y));
      case B_GE: return wrap(at::ge(x, y));
      case B_REMAINDER: return wrap(at::remainder(x, y));
      case B_MAXIMUM: return wrap(at::maximum(x, y));
      case B_MINIMUM: return wrap(at::minimum(x, y));
      case B_LOGICAL_AND: return wrap(at::logical_and(x, y));
      case B_LOGICAL_OR: return wrap(at::logical_or(x, y));
      default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
    }
  })
}

/// a (op) s for a scalar s; B_RSUB computes s - a.
TSH_API Tensor* tsh_binary_scalar(Tensor* a, int k, double d, int64_t l, int op, int ak, double ad, int64_t al) {
  TSH_TRY(nullptr, {
    const Tensor& x = *a;
    auto s = make_scalar(k, d, l);
    switch (op) {
      case B_ADD: return wrap(at::add(x, s, make_scalar(ak, ad, al)));
      case B_SUB: return wrap(at::sub(x, s, make_scalar(ak, ad, al)));
      case B_RSUB: return wrap(at::rsub(x, s));
      case B_RDIV: return wrap(at::reciprocal(x).mul(s));  // s / a, as TorchSharp computes it
      case B_MUL: return wrap(at::mul(x, s));
      case B_DIV: return wrap(at::div(x, s));
      case B_POW: return wrap(at::pow(x, s));
      case B_EQ: return wrap(at::eq(x, s));
      case B_NE: return wrap(at::ne(x, s));
      case B_LT: return wrap(at::lt(x, s));
      case B_LE: return wrap(at::le(x, s));
      case B_GT: return wrap(at::gt(x, s));
      case B_GE: return wrap(at::ge(x, s));
      case B_REMAINDER: return wrap(at::remainder(x, s));
      default: throw std::invalid_argument("unknown tensor-scalar op " + std::to_string(op));
    }
  })
}

/// In place: a (op)= b. Returns 0 or -1.
TSH_API int tsh_binary_(Tensor* a, Tensor* b, int op, int ak, double ad, int64_t al) {
  TSH_TRY(-1, {
    Tensor& x = *a;
    const Tensor& y = *b;
    switch (op) {
      case B_ADD: x.add_(y, make_scalar(ak, ad, al)); break;
      case B_SUB: x.sub_(y, make_scalar(ak, ad, al)); break;
      case B_MUL: x.mul_(y); break;
      case B_DIV: x.div_(y); break;
      case B_COPY: x.copy_(y); break;
      default: throw std::invalid_argument("unknown in-place binary op " + std::to_string(op));
    }
    return 0;
  })
}

/// In place: a (op)= s. Returns 0 or -1.
TSH_API int tsh_binary_scalar_(Tensor* a, int k, double d, int64_t l, int op, int ak, double ad, int64_t al) {
  TSH_TRY(-1, {
    Tensor& x = *a;
    auto s = make_scalar(k, d, l);
    switch (op) {
      case B_ADD: x.add_(s, make_scalar(ak, ad, al)); break;
      case B_SUB: x.sub_(s, make_scalar(ak, ad, al)); break;
      case B_MUL: x.mul_(s); break;
      case B_DIV: x.div_(s); break;
      case B_FILL: x.fill_(s); break;
      default: throw std::invalid_argument("unknown in-place scalar op " + std::to_string(op));
    }
    return 0;
  })
}

/// clamp with optional bounds (has_min / has_max flags).
TSH_API Tensor* tsh_clamp(Tensor* a, int has_min, int k0, double d0, int64_t l0, int has_max, int k1, double d1,
                          int64_t l1) {
  TSH_TRY(nullptr, {
    c10::optional<c10::Scalar> lo = has_min ? c10::optional<c10::Scalar>(make_scalar(k0, d0, l0)) : c10::nullopt;
    c10::optional<c10::Scalar> hi = has_max ? c10::optional<c10::Scalar>(make_scalar(k1, d1, l1)) : c10::nullopt;
    return wrap(at::clamp(*a, lo, hi));
  })
}

TSH_API Tensor* tsh_masked_fill(Tensor* a, Tensor* mask, int k, double d, int64_t l) {
  TSH_TRY(nullptr, { return wrap(a->masked_fill(*mask, make_scalar(k, d, l))); })
}

TSH_API Tensor* tsh_where(Tensor* cond, Tensor* a, Tensor* b) {
  TSH_TRY(nullptr, { return wrap(at::where(*cond, *a, *b)); })
}

// ---------------------------------------------------------------------------------------------
// Reductions and the softmax family
// ---------------------------------------------------------------------------------------------

enum ReduceOp { R_SUM = 0, R_MEAN = 1, R_LOGSUMEXP = 2, R_NORM = 3, R_ARGMAX = 4, R_ARGMIN = 5, R_PROD = 6 };

/// Reduce over `dims` (all dims when ndims < 0). `dtype` < 0: keep. `p` is the norm's order.
TSH_API Tensor* tsh_reduce(Tensor* a, int op, const int64_t* dims, int ndims, int keepdim, int dtype, double p) {
  TSH_TRY(nullptr, {
    const Tensor& x = *a;
    bool all = ndims < 0;
    auto d = all ? at::IntArrayRef() : dims_of(dims, ndims);
    switch (op) {
      case R_SUM: return wrap(all ? x.sum(opt_dtype(dtype)) : x.sum(d, keepdim != 0, opt_dtype(dtype)));
      case R_MEAN: return wrap(all ? x.mean(opt_dtype(dtype)) : x.mean(d, keepdim != 0, opt_dtype(dtype)));
      case R_LOGSUMEXP: return wrap(at::logsumexp(x, d, keepdim != 0));
      case R_NORM: return wrap(all ? at::norm(x, p) : at::norm(x, p, d, keepdim != 0));
      case R_ARGMAX: return wrap(all ? x.argmax() : x.argmax(d[0], keepdim != 0));
      case R_ARGMIN: return wrap(all ? x.argmin() : x.argmin(d[0], keepdim != 0));
      case R_PROD: return wrap(all ? x.prod(opt_dtype(dtype)) : x.prod(d[0], keepdim != 0, opt_dtype(dtype)));
      default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
    }
  })
}

/// max / min along a dim: writes values and indices handles.
TSH_API int tsh_max_min_dim(Tensor* a, int is_max, int64_t dim, int keepdim, Tensor** values, Tensor** indices) {
  TSH_TRY(-1, {
    auto r = is_max ? a->max(dim, keepdim != 0) : a->min(dim, keepdim != 0);
    *values = wrap(std::move(std::get<0>(r)));
    *indices = wrap(std::move(std::get<1>(r)));
    return 0;
  })
}

TSH_API int tsh_topk(Tensor* a, int64_t k, int64_t dim, int largest, int sorted, Tensor** values, Tensor** indices) {
  TSH_TRY(-1, {
    auto r = a->topk(k, dim, largest != 0, sorted != 0);
    *values = wrap(std::move(std::get<0>(r)));
    *indices = wrap(std::move(std::get<1>(r)));
    return 0;
  })
}

TSH_API int tsh_sort(Tensor* a, int64_t dim, int descending, Tensor** values, Tensor** indices) {
  TSH_TRY(-1, {
    auto r = a->sort(dim, descending != 0);
    *values = wrap(std::move(std::get<0>(r)));
    *indices = wrap(std::move(std::get<1>(r)));
    return 0;
  })
}

TSH_API Tensor* tsh_softmax(Tensor* a, int64_t dim, int log, int dtype) {
  TSH_TRY(nullptr, {
    return wrap(log ? at::log_softmax(*a, dim, opt_dtype(dtype)) : at::softmax(*a, dim, opt_dtype(dtype)));
  })
}

TSH_API Tensor* tsh_cumsum(Tensor* a, int64_t dim, int dtype) {
  TSH_TRY(nullptr, { return wrap(at::cumsum(*a, dim, opt_dtype(dtype))); })
}

// ---------------------------------------------------------------------------------------------
// Indexing
// ---------------------------------------------------------------------------------------------

TSH_API Tensor* tsh_index_select(Tensor* a, int64_t dim, Tensor* index) {
  TSH_TRY(nullptr, { return wrap(a->index_select(dim, *index)); })
}

/// self.index_add(dim, index, source, alpha), in place when `inplace`; returns the result
/// (a new handle to self when in place).
TSH_API Tensor* tsh_index_add(Tensor* a, int64_t dim, Tensor* index, Tensor* source, int ak, double ad, int64_t al,
                              int inplace) {
  TSH_TRY(nullptr, {
    auto alpha = make_scalar(ak, ad, al);
    if (inplace) {
      a->index_add_(dim, *index, *source, alpha);
      return wrap(Tensor(*a));
    }
    return wrap(a->index_add(dim, *index, *source, alpha));
  })
}

TSH_API Tensor* tsh_gather(Tensor* a, int64_t dim, Tensor* index) {
  TSH_TRY(nullptr, { return wrap(at::gather(*a, dim, *index)); })
}

TSH_API Tensor* tsh_scatter_add(Tensor* a, int64_t dim, Tensor* index, Tensor* src, int inplace) {
  TSH_TRY(nullptr, {
    if (inplace) {
      a->scatter_add_(dim, *index, *src);
      return wrap(Tensor(*a));
    }
    return wrap(a->scatter_add(dim, *index, *src));
  })
}

/// a[i] along dim 0 (select), a[start:stop] along `dim` (narrow/slice).
TSH_API Tensor* tsh_select(Tensor* a, int64_t dim, int64_t index) {
  TSH_TRY(nullptr, { return wrap(a->select(dim, index)); })
}

/// a.narrow(dim, start, length): negative start counts from the end; out-of-range throws.
TSH_API Tensor* tsh_narrow(Tensor* a, int64_t dim, int64_t start, int64_t length) {
  TSH_TRY(nullptr, { return wrap(a->narrow(dim, start, length)); })
}

TSH_API Tensor* tsh_slice(Tensor* a, int64_t dim, int64_t start, int64_t stop, int64_t step) {
  TSH_TRY(nullptr, { return wrap(a->slice(dim, start, stop, step)); })
}

TSH_API Tensor* tsh_cat(Tensor** tensors, int n, int64_t dim, int stack) {
  TSH_TRY(nullptr, {
    std::vector<Tensor> ts;
    ts.reserve(n);
    for (int i = 0; i < n; ++i) ts.push_back(*tensors[i]);
    return wrap(stack ? at::stack(ts, dim) : at::cat(ts, dim));
  })
}

// ---------------------------------------------------------------------------------------------
// Shape, device and dtype
// ---------------------------------------------------------------------------------------------

TSH_API Tensor* tsh_view(Tensor* a, const int64_t* dims, int ndims, int reshape) {
  TSH_TRY(nullptr, { return wrap(reshape ? a->reshape(dims_of(dims, ndims)) : a->view(dims_of(dims, ndims))); })
}

TSH_API Tensor* tsh_unsqueeze(Tensor* a, int64_t dim) { TSH_TRY(nullptr, { return wrap(a->unsqueeze(dim)); }) }

/// squeeze(dim), or every size-1 dim when has_dim is 0.
TSH_API Tensor* tsh_squeeze(Tensor* a, int has_dim, int64_t dim) {
  TSH_TRY(nullptr, { return wrap(has_dim ? a->squeeze(dim) : a->squeeze()); })
}

TSH_API Tensor* tsh_transpose(Tensor* a, int64_t d0, int64_t d1) {
  TSH_TRY(nullptr, { return wrap(a->transpose(d0, d1)); })
}

TSH_API Tensor* tsh_expand(Tensor* a, const int64_t* dims, int ndims) {
  TSH_TRY(nullptr, { return wrap(a->expand(dims_of(dims, ndims))); })
}

/// to(dtype and/or device). dtype < 0 keeps the dtype; dev_type < 0 keeps the device.
TSH_API Tensor* tsh_to(Tensor* a, int dtype, int dev_type, int dev_index, int copy) {
  TSH_TRY(nullptr, {
    auto dt = dtype < 0 ? a->scalar_type() : static_cast<at::ScalarType>(dtype);
    auto dev = dev_type < 0 ? a->device() : make_device(dev_type, dev_index);
    return wrap(a->to(dev, dt, /*non_blocking=*/false, copy != 0));
  })
}

/// The address of the first element of a CPU tensor (views included: strides apply), for
/// TensorAccessor's live view. Valid while the tensor lives; nullptr for an empty tensor.
TSH_API void* tsh_data_ptr(Tensor* a) {
  TSH_TRY(nullptr, {
    if (!a->device().is_cpu()) throw std::invalid_argument("data_ptr: the tensor is not in CPU memory");
    return a->data_ptr();
  })
}

/// The single value of a one-element tensor, as a double (floating/bool) or int64 (integral).
TSH_API int tsh_item(Tensor* a, double* d, int64_t* l) {
  TSH_TRY(-1, {
    auto s = a->item();
    if (s.isIntegral(false)) {
      *l = s.toLong();
      *d = static_cast<double>(*l);
    } else if (s.isBoolean()) {
      *l = s.toBool() ? 1 : 0;
      *d = static_cast<double>(*l);
    } else {
      *d = s.toDouble();
      *l = static_cast<int64_t>(*d);
    }
    return 0;
  })
}

TSH_API int tsh_equal(Tensor* a, Tensor* b) { TSH_TRY(-1, { return at::equal(*a, *b) ? 1 : 0; }) }

TSH_API int tsh_allclose(Tensor* a, Tensor* b, double rtol, double atol, int equal_nan) {
  TSH_TRY(-1, { return at::allclose(*a, *b, rtol, atol, equal_nan != 0) ? 1 : 0; })
}

// ---------------------------------------------------------------------------------------------
// Autograd
// ---------------------------------------------------------------------------------------------

TSH_API int tsh_backward(Tensor* a) {
  TSH_TRY(-1, {
    a->backward();
    return 0;
  })
}

/// The accumulated .grad of a leaf, or nullptr (with no error) when it has none.
TSH_API Tensor* tsh_grad(Tensor* a) {
  TSH_TRY(nullptr, {
    const Tensor& g = a->grad();
    if (!g.defined()) return nullptr;
    return wrap(Tensor(g));
  })
}

/// torch::autograd::grad. `grad_outputs` may be null. Results go to `results[0..n_inputs)`;
/// an input the outputs do not depend on gives nullptr there (allow_unused).
TSH_API int tsh_autograd_grad(Tensor** outputs, int n_outputs, Tensor** inputs, int n_inputs, Tensor** grad_outputs,
                              int n_grad_outputs, int retain_graph, int create_graph, int allow_unused,
                              Tensor** results) {
  TSH_TRY(-1, {
    std::vector<Tensor> outs, ins, gouts;
    for (int i = 0; i < n_outputs; ++i) outs.push_back(*outputs[i]);
    for (int i = 0; i < n_inputs; ++i) ins.push_back(*inputs[i]);
    for (int i = 0; i < n_grad_outputs; ++i) gouts.push_back(*grad_outputs[i]);
    auto grads = torch::autograd::grad(outs, ins, gouts, retain_graph ? c10::optional<bool>(true) : c10::optional<bool>(false),
                                       create_graph != 0, allow_unused != 0);
    for (int i = 0; i < n_inputs; ++i) results[i] = grads[i].defined() ? wrap(std::move(grads[i])) : nullptr;
    return 0;
  })
}

TSH_API int tsh_is_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }

TSH_API void tsh_set_grad_enabled(int enabled) { c10::GradMode::set_enabled(enabled != 0); }

// ---------------------------------------------------------------------------------------------
// Random generators
// ---------------------------------------------------------------------------------------------

TSH_API void tsh_manual_seed(int64_t seed) { at::manual_seed(static_cast<uint64_t>(seed)); }

/// The default generator of a device type (a new handle that shares it).
TSH_API at::Generator* tsh_default_generator(int dev_type, int dev_index) {
  TSH_TRY(nullptr, {
    if (dev_type == static_cast<int>(c10::DeviceType::CPU))
      return new at::Generator(at::globalContext().defaultGenerator(c10::DeviceType::CPU));
    return new at::Generator(at::globalContext().defaultGenerator(make_device(dev_type, dev_index)));
  })
}

TSH_API at::Generator* tsh_generator_new(uint64_t seed, int dev_type, int dev_index) {
  TSH_TRY(nullptr, {
    if (dev_type != static_cast<int>(c10::DeviceType::CPU))
      throw std::invalid_argument("the binding creates CPU generators only; CUDA uses the default generator");
    auto g = at::make_generator<at::CPUGeneratorImpl>(seed);
    return new at::Generator(std::move(g));
  })
}

TSH_API void tsh_generator_free(at::Generator* g) { delete g; }

TSH_API int tsh_generator_manual_seed(at::Generator* g, uint64_t seed) {
  TSH_TRY(-1, {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_current_seed(seed);
    return 0;
  })
}

TSH_API int64_t tsh_generator_initial_seed(at::Generator* g) {
  TSH_TRY(-1, { return static_cast<int64_t>(g->current_seed()); })
}

TSH_API Tensor* tsh_generator_get_state(at::Generator* g) {
  TSH_TRY(nullptr, {
    std::lock_guard<std::mutex> lock(g->mutex());
    return wrap(g->get_state());
  })
}

TSH_API int tsh_generator_set_state(at::Generator* g, Tensor* state) {
  TSH_TRY(-1, {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_state(*state);
    return 0;
  })
}

// ---------------------------------------------------------------------------------------------
// Threads, CUDA, serialisation
// ---------------------------------------------------------------------------------------------

TSH_API void tsh_set_num_threads(int n) { at::set_num_threads(n); }
TSH_API int tsh_get_num_threads() { return at::get_num_threads(); }
TSH_API void tsh_set_num_interop_threads(int n) {
  try { at::set_num_interop_threads(n); } catch (...) { /* only settable once; later calls are ignored */ }
}

TSH_API int tsh_cuda_is_available() {
  try { return at::hasCUDA() && at::detail::getCUDAHooks().getNumGPUs() > 0 ? 1 : 0; } catch (...) { return 0; }
}

TSH_API int tsh_cuda_device_count() {
  try { return at::hasCUDA() ? static_cast<int>(at::detail::getCUDAHooks().getNumGPUs()) : 0; } catch (...) { return 0; }
}

/// Seeds the CUDA default generator of the current device (all = 0) or of every device, and
/// leaves the CPU generator alone (at::manual_seed would reseed the CPU stream too).
TSH_API int tsh_cuda_manual_seed(int64_t seed, int all) {
  TSH_TRY(-1, {
    if (!at::hasCUDA()) return 0;
    auto& hooks = at::detail::getCUDAHooks();
    int n = static_cast<int>(hooks.getNumGPUs());
    int current = static_cast<int>(hooks.current_device());
    for (int i = 0; i < n; ++i) {
      if (!all && i != current) continue;
      auto gen = at::globalContext().defaultGenerator(at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(i)));
      std::lock_guard<std::mutex> lock(gen.mutex());
      gen.set_current_seed(static_cast<uint64_t>(seed));
    }
    return 0;
  })
}

TSH_API int tsh_cuda_synchronize(int64_t device) {
  TSH_TRY(-1, {
    if (at::hasCUDA()) at::detail::getCUDAHooks().deviceSynchronize(device < 0 ? 0 : device);
    return 0;
  })
}

/// Writes the tensor in PyTorch's pickle/zip format (readable by Python's torch.load).
TSH_API int tsh_save(Tensor* a, const char* path) {
  TSH_TRY(-1, {
    auto bytes = torch::jit::pickle_save(c10::IValue(a->detach().cpu()));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(std::string("cannot open '") + path + "' for writing");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error(std::string("failed writing '") + path + "'");
    return 0;
  })
}

TSH_API Tensor* tsh_load(const char* path) {
  TSH_TRY(nullptr, {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot open '") + path + "' for reading");
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto v = torch::jit::pickle_load(bytes);
    if (!v.isTensor()) throw std::runtime_error(std::string("'") + path + "' does not hold a tensor");
    return wrap(Tensor(v.toTensor()));
  })
}
