// coevo_torch: a thin C ABI over libtorch (PyTorch C++), consumed by Coevo.Torch via P/Invoke.
//
// Conventions:
//  - A tensor handle is an owning `torch::Tensor*` (free with ct_free).
//  - Every exported function catches all C++ exceptions; on failure it stores the message in a
//    thread-local string (ct_last_error) and returns nullptr (handle results) or -1 (int results).
//  - Functions returning a handle never return nullptr on success, except where documented
//    (ct_grad, which reports "no gradient" through its out parameter).
#include <torch/torch.h>
#include <dlfcn.h>

#include <cstring>
#include <string>
#include <vector>

#define CT_API extern "C" __attribute__((visibility("default")))

using T = torch::Tensor;

namespace {
thread_local std::string g_error;

void set_error(const char* what) { g_error = what ? what : "unknown error"; }

#define CT_TRY try {
#define CT_CATCH(fail)                                                         \
  }                                                                            \
  catch (const c10::Error& e) { set_error(e.what_without_backtrace()); return fail; } \
  catch (const std::exception& e) { set_error(e.what()); return fail; }        \
  catch (...) { set_error("unknown C++ exception"); return fail; }

T* wrap(T t) { return new T(std::move(t)); }

// A whole double becomes an integer scalar for integer tensors, so `counter.add_(1)` works on int64.
c10::Scalar scal(const T& x, double s) {
  if (c10::isIntegralType(x.scalar_type(), false) && s == std::floor(s)) return c10::Scalar(static_cast<int64_t>(s));
  return c10::Scalar(s);
}

c10::ScalarType dtype_of(int code) {
  switch (code) {
    case 0: return torch::kFloat32;
    case 1: return torch::kInt64;
    case 2: return torch::kBool;
    case 3: return torch::kFloat64;
    case 4: return torch::kInt32;
    case 5: return torch::kUInt8;
    default: throw std::invalid_argument("unknown dtype code " + std::to_string(code));
  }
}

int code_of(c10::ScalarType s) {
  switch (s) {
    case torch::kFloat32: return 0;
    case torch::kInt64: return 1;
    case torch::kBool: return 2;
    case torch::kFloat64: return 3;
    case torch::kInt32: return 4;
    case torch::kUInt8: return 5;
    default: return 99;
  }
}

torch::Device device_of(int type, int index) {
  if (type == 0) return torch::Device(torch::kCPU);
  if (type == 1) {
    if (!torch::cuda::is_available())
      throw std::runtime_error(
          "CUDA was requested but this libtorch has no CUDA support or no GPU is visible. "
          "Build the shim against a CUDA libtorch: set LIBTORCH=/path/to/libtorch-cuda and rebuild "
          "(see Torch/README.md), or use device: cpu.");
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index < 0 ? 0 : index));
  }
  throw std::invalid_argument("unknown device type " + std::to_string(type));
}

torch::TensorOptions opts(int dtype, int devtype, int devidx, bool requires_grad) {
  return torch::TensorOptions().dtype(dtype_of(dtype)).device(device_of(devtype, devidx)).requires_grad(requires_grad);
}

std::vector<int64_t> vec(const int64_t* p, int n) { return std::vector<int64_t>(p, p + n); }

std::vector<T> tensors(T** ts, int n) {
  std::vector<T> v;
  v.reserve(n);
  for (int i = 0; i < n; i++) v.push_back(*ts[i]);
  return v;
}

c10::optional<T> opt(T* t) { return t ? c10::optional<T>(*t) : c10::nullopt; }

// Interleaves the four sub-pixel phases: y [N, C, 2(a), 2(b), H+1, W+1] -> out [N, C, 2H, 2W] with
// out[.., 2m+a, 2n+b] = y[.., a, b, m+a, n+b]. A custom autograd node, because composing it from select/narrow/stack
// makes the backward pass zero-fill and add a full-size gradient per view (measured: slower than the whole convolution).
struct PhaseInterleave : public torch::autograd::Function<PhaseInterleave> {
  static T forward(torch::autograd::AutogradContext* ctx, const T& y) {
    const int64_t N = y.size(0), C = y.size(1), H = y.size(4) - 1, W = y.size(5) - 1;
    ctx->saved_data["H"] = H;
    ctx->saved_data["W"] = W;
    auto out = torch::empty({N, C, H, 2, W, 2}, y.options());
    for (int64_t a = 0; a < 2; a++)
      for (int64_t b = 0; b < 2; b++)
        out.select(3, a).select(4, b).copy_(y.select(2, a).select(2, b).narrow(2, a, H).narrow(3, b, W));
    return out.view({N, C, 2 * H, 2 * W});
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    const int64_t H = ctx->saved_data["H"].toInt(), W = ctx->saved_data["W"].toInt();
    const T& g = grads[0];
    const int64_t N = g.size(0), C = g.size(1);
    auto g6 = g.reshape({N, C, H, 2, W, 2});
    auto gy = torch::zeros({N, C, 2, 2, H + 1, W + 1}, g.options());
    for (int64_t a = 0; a < 2; a++)
      for (int64_t b = 0; b < 2; b++)
        gy.select(2, a).select(2, b).narrow(2, a, H).narrow(3, b, W).copy_(g6.select(3, a).select(4, b));
    return {gy};
  }
};

// Exact sub-pixel form of ConvTranspose2d(k=4, s=2, p=1, no output padding, dilation 1, groups 1):
// out[2m+a, 2n+b] only sees the input taps m+a-1+t (t in {0,1}) with kernel index 3-a-2t.
// So one 2x2 stride-1 convolution with 4*Cout output channels over the input padded by 1 gives
// every phase (a,b) at once; phase (a,b) lives at rows a..a+H-1, cols b..b+W-1 of its channel group.
// This lands on oneDNN's convolution instead of libtorch's slow im2col conv_transpose path, with the same FLOPs
// up to the (H+1)(W+1)/(HW) border.
T conv_transpose_k4s2p1(const T& x, const T& w, const c10::optional<T>& bias) {
  const int64_t N = x.size(0), H = x.size(2), W = x.size(3);
  const int64_t Cin = w.size(0), Cout = w.size(1);
  // kernel index for (phase a, tap t): 3 - a - 2t -> a=0: {3,1}; a=1: {2,0}
  auto idx = torch::tensor({3, 1, 2, 0}, torch::TensorOptions().dtype(torch::kInt64).device(w.device()));
  // w: [Cin, Cout, 4, 4] -> select rows then cols -> [Cin, Cout, (a,t)=4, (b,u)=4]
  auto wk = w.index_select(2, idx).index_select(3, idx);
  // -> [Cin, Cout, a, t, b, u] -> [Cout, a, b, Cin, t, u] -> [Cout*4, Cin, 2, 2]
  wk = wk.view({Cin, Cout, 2, 2, 2, 2}).permute({1, 2, 4, 0, 3, 5}).reshape({Cout * 4, Cin, 2, 2});
  auto y = torch::conv2d(x, wk, {}, 1, 1);  // [N, Cout*4, H+1, W+1]
  auto out = PhaseInterleave::apply(y.view({N, Cout, 2, 2, H + 1, W + 1}));  // [N, Cout, 2H, 2W]
  if (bias) out = out + bias->view({1, Cout, 1, 1});
  return out;
}

// ConvTranspose2d on a 1x1 input (the DCGAN projection) is a plain matrix product.
T conv_transpose_from_1x1(const T& x, const T& w, const c10::optional<T>& bias, int64_t ph, int64_t pw) {
  const int64_t N = x.size(0), Cin = w.size(0), Cout = w.size(1), kh = w.size(2), kw = w.size(3);
  auto out = torch::mm(x.reshape({N, Cin}), w.reshape({Cin, Cout * kh * kw})).view({N, Cout, kh, kw});
  if (ph > 0 || pw > 0) out = out.narrow(2, ph, kh - 2 * ph).narrow(3, pw, kw - 2 * pw);
  if (bias) out = out + bias->view({1, Cout, 1, 1});
  return out;
}

thread_local bool g_fast_conv_transpose = true;  // per thread, so a test can compare both paths
}  // namespace

// ------------------------------------------------------------------ errors, lifetime, metadata
CT_API const char* ct_last_error() { return g_error.c_str(); }
CT_API void ct_clear_error() { g_error.clear(); }
CT_API void ct_free(T* t) { delete t; }

CT_API int ct_ndim(T* t) { CT_TRY return static_cast<int>(t->dim()); CT_CATCH(-1) }
CT_API int ct_shape(T* t, int64_t* out) {
  CT_TRY for (int64_t i = 0; i < t->dim(); i++) out[i] = t->size(i);
  return 0;
  CT_CATCH(-1)
}
CT_API int64_t ct_numel(T* t) { CT_TRY return t->numel(); CT_CATCH(-1) }
CT_API int ct_dtype(T* t) { CT_TRY return code_of(t->scalar_type()); CT_CATCH(-1) }
CT_API int ct_device(T* t, int* type, int* index) {
  CT_TRY auto d = t->device();
  *type = d.is_cuda() ? 1 : 0;
  *index = d.has_index() ? d.index() : 0;
  return 0;
  CT_CATCH(-1)
}
CT_API int ct_is_contiguous(T* t) { CT_TRY return t->is_contiguous() ? 1 : 0; CT_CATCH(-1) }

// ------------------------------------------------------------------ global state
CT_API int ct_manual_seed(uint64_t seed) { CT_TRY torch::manual_seed(seed); return 0; CT_CATCH(-1) }
CT_API int ct_set_num_threads(int n) { CT_TRY torch::set_num_threads(n); return 0; CT_CATCH(-1) }
CT_API int ct_get_num_threads() { CT_TRY return torch::get_num_threads(); CT_CATCH(-1) }
CT_API int ct_cuda_is_available() { CT_TRY return torch::cuda::is_available() ? 1 : 0; CT_CATCH(-1) }
CT_API int ct_cuda_device_count() { CT_TRY return static_cast<int>(torch::cuda::device_count()); CT_CATCH(-1) }
CT_API int ct_set_grad_enabled(int on) {
  CT_TRY bool prev = torch::GradMode::is_enabled();
  torch::GradMode::set_enabled(on != 0);
  return prev ? 1 : 0;
  CT_CATCH(-1)
}
CT_API int ct_is_grad_enabled() { return torch::GradMode::is_enabled() ? 1 : 0; }
CT_API void ct_set_fast_conv_transpose(int on) { g_fast_conv_transpose = on != 0; }

// OpenBLAS keeps its own pthread pool, which torch::set_num_threads does not touch.
// Returns the new OpenBLAS thread count, or 0 when libtorch is not linked against OpenBLAS.
CT_API int ct_set_blas_threads(int n) {
  for (const char* lib : {"libopenblas.so.0", "libblas.so.3", "libopenblas.so"}) {
    void* h = dlopen(lib, RTLD_NOW | RTLD_NOLOAD);
    if (!h) continue;
    auto set = reinterpret_cast<void (*)(int)>(dlsym(h, "openblas_set_num_threads"));
    auto get = reinterpret_cast<int (*)()>(dlsym(h, "openblas_get_num_threads"));
    if (set && get) {
      if (n > 0) set(n);
      int r = get();
      dlclose(h);
      return r;
    }
    dlclose(h);
  }
  return 0;
}

// ------------------------------------------------------------------ factories and data
// kind: 0 zeros, 1 ones, 2 full(value), 3 randn, 4 rand, 5 empty
CT_API T* ct_new(int kind, const int64_t* shape, int nd, double value, int dtype, int devtype, int devidx, int requires_grad) {
  CT_TRY auto o = opts(dtype, devtype, devidx, requires_grad != 0);
  auto s = vec(shape, nd);
  switch (kind) {
    case 0: return wrap(torch::zeros(s, o));
    case 1: return wrap(torch::ones(s, o));
    case 2: return wrap(torch::full(s, value, o));
    case 3: return wrap(torch::randn(s, o));
    case 4: return wrap(torch::rand(s, o));
    case 5: return wrap(torch::empty(s, o));
  }
  throw std::invalid_argument("unknown factory " + std::to_string(kind));
  CT_CATCH(nullptr)
}
CT_API T* ct_arange(double start, double end, double step, int dtype, int devtype, int devidx) {
  CT_TRY return wrap(torch::arange(start, end, step, opts(dtype, devtype, devidx, false)));
  CT_CATCH(nullptr)
}
CT_API T* ct_from_data(const void* data, const int64_t* shape, int nd, int dtype, int devtype, int devidx, int requires_grad) {
  CT_TRY auto cpu = torch::from_blob(const_cast<void*>(data), vec(shape, nd), torch::TensorOptions().dtype(dtype_of(dtype))).clone();
  auto d = device_of(devtype, devidx);
  auto t = d.is_cpu() ? cpu : cpu.to(d);
  if (requires_grad) t.set_requires_grad(true);
  return wrap(t);
  CT_CATCH(nullptr)
}
// Copies the elements (converted to dtype, on the CPU, row-major) into dst, which holds nbytes.
CT_API int ct_copy_out(T* t, void* dst, int64_t nbytes, int dtype) {
  CT_TRY auto c = t->detach().to(torch::kCPU, dtype_of(dtype)).contiguous();
  int64_t need = c.numel() * static_cast<int64_t>(c.element_size());
  if (need != nbytes) throw std::invalid_argument("copy_out: buffer holds " + std::to_string(nbytes) + " bytes, tensor needs " + std::to_string(need));
  if (need > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(need));
  return 0;
  CT_CATCH(-1)
}
CT_API int ct_item(T* t, double* out) { CT_TRY *out = t->item<double>(); return 0; CT_CATCH(-1) }
CT_API int ct_item_long(T* t, int64_t* out) { CT_TRY *out = t->item<int64_t>(); return 0; CT_CATCH(-1) }
CT_API T* ct_to(T* t, int devtype, int devidx, int dtype, int copy) {
  CT_TRY auto d = device_of(devtype, devidx);
  auto st = dtype < 0 ? t->scalar_type() : dtype_of(dtype);
  return wrap(t->to(d, st, false, copy != 0));
  CT_CATCH(nullptr)
}

// ------------------------------------------------------------------ elementwise and friends
CT_API T* ct_unary(int op, T* a) {
  CT_TRY const T& x = *a;
  switch (op) {
    case 0: return wrap(-x);
    case 1: return wrap(x.exp());
    case 2: return wrap(x.log());
    case 3: return wrap(x.sqrt());
    case 4: return wrap(x.abs());
    case 5: return wrap(torch::relu(x));
    case 6: return wrap(x.tanh());
    case 7: return wrap(x.sigmoid());
    case 8: return wrap(x.sin());
    case 9: return wrap(x.cos());
    case 10: return wrap(x.square());
    case 11: return wrap(x.rsqrt());
    case 12: return wrap(x.floor());
    case 13: return wrap(x.ceil());
    case 14: return wrap(x.round());
    case 15: return wrap(x.sign());
    case 16: return wrap(x.clone());
    case 17: return wrap(x.contiguous());
    case 18: return wrap(x.detach());
    case 19: return wrap(x.logical_not());
    case 20: return wrap(x.contiguous(torch::MemoryFormat::ChannelsLast));
    case 21: return wrap(x.reciprocal());
    case 22: return wrap(x.t());
    case 23: return wrap(torch::softplus(x));
    case 24: return wrap(x.isnan());
    case 25: return wrap(x.log1p());
    case 26: return wrap(x.alias());
  }
  throw std::invalid_argument("unknown unary op " + std::to_string(op));
  CT_CATCH(nullptr)
}

CT_API T* ct_binary(int op, T* a, T* b) {
  CT_TRY const T& x = *a;
  const T& y = *b;
  switch (op) {
    case 0: return wrap(x + y);
    case 1: return wrap(x - y);
    case 2: return wrap(x * y);
    case 3: return wrap(x / y);
    case 4: return wrap(x.pow(y));
    case 5: return wrap(torch::maximum(x, y));
    case 6: return wrap(torch::minimum(x, y));
    case 7: return wrap(x.eq(y));
    case 8: return wrap(x.ne(y));
    case 9: return wrap(x.lt(y));
    case 10: return wrap(x.le(y));
    case 11: return wrap(x.gt(y));
    case 12: return wrap(x.ge(y));
    case 13: return wrap(torch::matmul(x, y));
    case 14: return wrap(x.logical_and(y));
    case 15: return wrap(x.logical_or(y));
    case 16: return wrap(torch::atan2(x, y));
  }
  throw std::invalid_argument("unknown binary op " + std::to_string(op));
  CT_CATCH(nullptr)
}

CT_API T* ct_scalar(int op, T* a, double s) {
  CT_TRY const T& x = *a;
  switch (op) {
    case 0: return wrap(x + s);
    case 1: return wrap(x - s);
    case 2: return wrap(x * s);
    case 3: return wrap(x / s);
    case 4: return wrap(x.pow(s));
    case 5: return wrap(x.eq(s));
    case 6: return wrap(x.ne(s));
    case 7: return wrap(x.lt(s));
    case 8: return wrap(x.le(s));
    case 9: return wrap(x.gt(s));
    case 10: return wrap(x.ge(s));
    case 11: return wrap(s - x);  // rsub
    case 12: return wrap(torch::leaky_relu(x, s));
    case 13: return wrap(s / x);  // rdiv
    case 14: return wrap(torch::pow(s, x));  // rpow
    case 15: return wrap(x.clamp_min(s));
    case 16: return wrap(x.clamp_max(s));
    case 17: return wrap(torch::pixel_shuffle(x, static_cast<int64_t>(s)));
  }
  throw std::invalid_argument("unknown scalar op " + std::to_string(op));
  CT_CATCH(nullptr)
}

CT_API T* ct_clamp(T* a, double lo, double hi) { CT_TRY return wrap(a->clamp(lo, hi)); CT_CATCH(nullptr) }
CT_API T* ct_where(T* c, T* a, T* b) { CT_TRY return wrap(torch::where(*c, *a, *b)); CT_CATCH(nullptr) }

// In-place updates; they return 0 or -1. b may be null where op takes no tensor.
CT_API int ct_inplace(int op, T* a, T* b, double s1, double s2) {
  CT_TRY T& x = *a;
  switch (op) {
    case 0: x.add_(*b, s1); break;          // x += s1 * b
    case 1: x.mul_(*b); break;
    case 2: x.copy_(*b); break;
    case 3: x.add_(scal(x, s1)); break;
    case 4: x.mul_(scal(x, s1)); break;
    case 5: x.fill_(scal(x, s1)); break;
    case 6: x.zero_(); break;
    case 7: x.normal_(s1, s2); break;
    case 8: x.uniform_(s1, s2); break;
    case 9: x.div_(*b); break;
    case 10: x.sub_(*b); break;
    case 11: x.clamp_(s1, s2); break;
    case 12: x.requires_grad_(s1 != 0); break;
    case 13: x.detach_(); break;
    case 14: x.set_data(*b); break;         // swap storage, keep identity (Module.to)
    default: throw std::invalid_argument("unknown in-place op " + std::to_string(op));
  }
  return 0;
  CT_CATCH(-1)
}

// ------------------------------------------------------------------ reductions
// dims == nullptr / nd == 0 reduces over everything (keepdim ignored then, as in PyTorch).
CT_API T* ct_reduce(int op, T* a, const int64_t* dims, int nd, int keepdim) {
  CT_TRY const T& x = *a;
  bool all = nd == 0;
  auto d = vec(dims, nd);
  bool k = keepdim != 0;
  switch (op) {
    case 0: return wrap(all ? x.sum() : x.sum(d, k));
    case 1: return wrap(all ? x.mean() : x.mean(d, k));
    case 2: return wrap(all ? x.max() : std::get<0>(x.max(d.at(0), k)));
    case 3: return wrap(all ? x.min() : std::get<0>(x.min(d.at(0), k)));
    case 4: return wrap(all ? x.argmax() : x.argmax(d.at(0), k));
    case 5: return wrap(all ? x.argmin() : x.argmin(d.at(0), k));
    case 6: return wrap(all ? x.var() : x.var(d, true, k));
    case 7: return wrap(all ? x.std() : x.std(d, true, k));
    case 8: return wrap(all ? x.prod() : x.prod(d.at(0), k));
    case 9: return wrap(all ? x.logsumexp(std::vector<int64_t>{}, false).sum() : x.logsumexp(d, k));
    case 10: return wrap(x.softmax(d.at(0)));
    case 11: return wrap(x.log_softmax(d.at(0)));
    case 12: return wrap(all ? x.norm() : x.norm(2, d, k));
    case 13: return wrap(all ? x.any() : x.any(d.at(0), k));
    case 14: return wrap(all ? x.all() : x.all(d.at(0), k));
    case 15: return wrap(x.cumsum(d.at(0)));
  }
  throw std::invalid_argument("unknown reduction " + std::to_string(op));
  CT_CATCH(nullptr)
}

// ------------------------------------------------------------------ shape and indexing
CT_API T* ct_reshape(T* a, const int64_t* shape, int nd) { CT_TRY return wrap(a->reshape(vec(shape, nd))); CT_CATCH(nullptr) }
CT_API T* ct_view(T* a, const int64_t* shape, int nd) { CT_TRY return wrap(a->view(vec(shape, nd))); CT_CATCH(nullptr) }
CT_API T* ct_expand(T* a, const int64_t* shape, int nd) { CT_TRY return wrap(a->expand(vec(shape, nd))); CT_CATCH(nullptr) }
CT_API T* ct_permute(T* a, const int64_t* dims, int nd) { CT_TRY return wrap(a->permute(vec(dims, nd))); CT_CATCH(nullptr) }
CT_API T* ct_transpose(T* a, int64_t d0, int64_t d1) { CT_TRY return wrap(a->transpose(d0, d1)); CT_CATCH(nullptr) }
CT_API T* ct_squeeze(T* a, int64_t dim, int all) { CT_TRY return wrap(all ? a->squeeze() : a->squeeze(dim)); CT_CATCH(nullptr) }
CT_API T* ct_unsqueeze(T* a, int64_t dim) { CT_TRY return wrap(a->unsqueeze(dim)); CT_CATCH(nullptr) }
CT_API T* ct_flatten(T* a, int64_t start, int64_t end) { CT_TRY return wrap(a->flatten(start, end)); CT_CATCH(nullptr) }
CT_API T* ct_cat(T** ts, int n, int64_t dim) { CT_TRY return wrap(torch::cat(tensors(ts, n), dim)); CT_CATCH(nullptr) }
CT_API T* ct_stack(T** ts, int n, int64_t dim) { CT_TRY return wrap(torch::stack(tensors(ts, n), dim)); CT_CATCH(nullptr) }
CT_API T* ct_slice(T* a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  CT_TRY return wrap(a->slice(dim, start, end, step));
  CT_CATCH(nullptr)
}
CT_API T* ct_select(T* a, int64_t dim, int64_t index) { CT_TRY return wrap(a->select(dim, index)); CT_CATCH(nullptr) }
CT_API T* ct_index_select(T* a, int64_t dim, T* index) { CT_TRY return wrap(a->index_select(dim, *index)); CT_CATCH(nullptr) }
CT_API T* ct_gather(T* a, int64_t dim, T* index) { CT_TRY return wrap(a->gather(dim, *index)); CT_CATCH(nullptr) }
CT_API T* ct_pad(T* a, const int64_t* pads, int n, double value) {
  CT_TRY return wrap(torch::constant_pad_nd(*a, vec(pads, n), value));
  CT_CATCH(nullptr)
}

// ------------------------------------------------------------------ autograd
CT_API int ct_requires_grad(T* a) { CT_TRY return a->requires_grad() ? 1 : 0; CT_CATCH(-1) }
CT_API int ct_grad(T* a, T** out) {
  CT_TRY const T& g = a->grad();
  *out = g.defined() ? wrap(g) : nullptr;
  return 0;
  CT_CATCH(-1)
}
CT_API int ct_zero_grad(T* a, int set_to_none) {
  CT_TRY auto& g = a->mutable_grad();
  if (g.defined()) {
    if (set_to_none) g.reset();
    else { g = g.detach(); g.zero_(); }
  }
  return 0;
  CT_CATCH(-1)
}
CT_API int ct_backward(T* a, T* grad, int retain_graph, int create_graph) {
  CT_TRY a->backward(grad ? *grad : T(), retain_graph ? c10::optional<bool>(true) : c10::nullopt, create_graph != 0);
  return 0;
  CT_CATCH(-1)
}
// result[i] receives the gradient of sum(outputs * grad_outputs) w.r.t. inputs[i] (nullptr if unused).
CT_API int ct_autograd_grad(T** outs, int n, T** ins, int m, T** grad_outs, int retain_graph, int create_graph, int allow_unused, T** result) {
  CT_TRY std::vector<T> go;
  if (grad_outs) go = tensors(grad_outs, n);
  auto r = torch::autograd::grad(tensors(outs, n), tensors(ins, m), go,
                                 retain_graph ? c10::optional<bool>(true) : c10::optional<bool>(create_graph != 0),
                                 create_graph != 0, allow_unused != 0);
  for (int i = 0; i < m; i++) result[i] = r[i].defined() ? wrap(r[i]) : nullptr;
  return 0;
  CT_CATCH(-1)
}

// ------------------------------------------------------------------ nn.functional
CT_API T* ct_linear(T* x, T* w, T* b) { CT_TRY return wrap(torch::nn::functional::linear(*x, *w, b ? *b : T())); CT_CATCH(nullptr) }
CT_API T* ct_conv2d(T* x, T* w, T* b, int64_t sh, int64_t sw, int64_t ph, int64_t pw, int64_t dh, int64_t dw, int64_t groups) {
  CT_TRY return wrap(torch::conv2d(*x, *w, opt(b), {sh, sw}, {ph, pw}, {dh, dw}, groups));
  CT_CATCH(nullptr)
}
CT_API T* ct_conv_transpose2d(T* x, T* w, T* b, int64_t sh, int64_t sw, int64_t ph, int64_t pw, int64_t oph, int64_t opw,
                              int64_t groups, int64_t dh, int64_t dw) {
  CT_TRY const bool plain = groups == 1 && dh == 1 && dw == 1 && oph == 0 && opw == 0 && x->dim() == 4 && w->dim() == 4 &&
                            x->size(1) == w->size(0);
  if (g_fast_conv_transpose && plain) {
    if (sh == 2 && sw == 2 && ph == 1 && pw == 1 && w->size(2) == 4 && w->size(3) == 4)
      return wrap(conv_transpose_k4s2p1(*x, *w, opt(b)));
    if (x->size(2) == 1 && x->size(3) == 1 && 2 * ph < w->size(2) && 2 * pw < w->size(3))
      return wrap(conv_transpose_from_1x1(*x, *w, opt(b), ph, pw));
  }
  return wrap(torch::conv_transpose2d(*x, *w, opt(b), {sh, sw}, {ph, pw}, {oph, opw}, groups, {dh, dw}));
  CT_CATCH(nullptr)
}
CT_API T* ct_batch_norm(T* x, T* w, T* b, T* rm, T* rv, int training, double momentum, double eps) {
  CT_TRY return wrap(torch::batch_norm(*x, opt(w), opt(b), opt(rm), opt(rv), training != 0, momentum, eps, false));
  CT_CATCH(nullptr)
}
CT_API T* ct_dropout(T* x, double p, int training) { CT_TRY return wrap(torch::dropout(*x, p, training != 0)); CT_CATCH(nullptr) }
// op: 0 bce_with_logits, 1 mse, 2 cross_entropy, 3 bce, 4 l1, 5 nll; reduction: 0 none, 1 mean, 2 sum
CT_API T* ct_loss(int op, T* input, T* target, T* weight, int reduction) {
  CT_TRY const T& x = *input;
  const T& y = *target;
  int64_t r = reduction;
  switch (op) {
    case 0: return wrap(torch::binary_cross_entropy_with_logits(x, y, opt(weight), c10::nullopt, r));
    case 1: return wrap(torch::mse_loss(x, y, r));
    case 2: return wrap(torch::cross_entropy_loss(x, y, opt(weight), r));
    case 3: return wrap(torch::binary_cross_entropy(x, y, opt(weight), r));
    case 4: return wrap(torch::l1_loss(x, y, r));
    case 5: return wrap(torch::nll_loss(x, y, opt(weight), r));
  }
  throw std::invalid_argument("unknown loss " + std::to_string(op));
  CT_CATCH(nullptr)
}
// mode: 0 nearest, 1 bilinear, 2 bicubic, 3 area. Either size (h,w > 0) or scale factors.
CT_API T* ct_interpolate(T* x, int64_t h, int64_t w, double sh, double sw, int mode, int align_corners) {
  CT_TRY namespace F = torch::nn::functional;
  auto o = F::InterpolateFuncOptions();
  if (h > 0) o = o.size(std::vector<int64_t>{h, w});
  else o = o.scale_factor(std::vector<double>{sh, sw});
  switch (mode) {
    case 0: o = o.mode(torch::kNearest); break;
    case 1: o = o.mode(torch::kBilinear).align_corners(align_corners != 0); break;
    case 2: o = o.mode(torch::kBicubic).align_corners(align_corners != 0); break;
    case 3: o = o.mode(torch::kArea); break;
    default: throw std::invalid_argument("unknown interpolation mode " + std::to_string(mode));
  }
  return wrap(F::interpolate(*x, o));
  CT_CATCH(nullptr)
}
CT_API T* ct_pool2d(int max, T* x, int64_t kh, int64_t kw, int64_t sh, int64_t sw, int64_t ph, int64_t pw) {
  CT_TRY if (max) return wrap(torch::max_pool2d(*x, {kh, kw}, {sh, sw}, {ph, pw}));
  return wrap(torch::avg_pool2d(*x, {kh, kw}, {sh, sw}, {ph, pw}));
  CT_CATCH(nullptr)
}

// ------------------------------------------------------------------ optimisers (in place, no autograd)
// PyTorch's Adam (torch/optim/adam.py, single-tensor path, amsgrad off, L2 weight decay).
CT_API int ct_adam_step(T** params, T** exp_avg, T** exp_avg_sq, int n, double lr, double b1, double b2, double eps,
                        double weight_decay, int64_t step) {
  CT_TRY torch::NoGradGuard ng;
  const double bc1 = 1.0 - std::pow(b1, static_cast<double>(step));
  const double bc2 = 1.0 - std::pow(b2, static_cast<double>(step));
  const double step_size = lr / bc1;
  const double bc2_sqrt = std::sqrt(bc2);
  for (int i = 0; i < n; i++) {
    T& p = *params[i];
    T g = p.grad();
    if (!g.defined()) continue;
    if (weight_decay != 0) g = g.add(p, weight_decay);
    exp_avg[i]->lerp_(g, 1.0 - b1);
    exp_avg_sq[i]->mul_(b2).addcmul_(g, g, 1.0 - b2);
    T denom = (exp_avg_sq[i]->sqrt() / bc2_sqrt).add_(eps);
    p.addcdiv_(*exp_avg[i], denom, -step_size);
  }
  return 0;
  CT_CATCH(-1)
}
// PyTorch's SGD. bufs[i] may be null on the first step (then it is created and returned through bufs).
CT_API int ct_sgd_step(T** params, T** bufs, int n, double lr, double momentum, double dampening, double weight_decay,
                       int nesterov) {
  CT_TRY torch::NoGradGuard ng;
  for (int i = 0; i < n; i++) {
    T& p = *params[i];
    T g = p.grad();
    if (!g.defined()) continue;
    if (weight_decay != 0) g = g.add(p, weight_decay);
    if (momentum != 0) {
      if (!bufs[i]) bufs[i] = wrap(g.clone().detach());
      else bufs[i]->mul_(momentum).add_(g, 1.0 - dampening);
      g = nesterov ? g.add(*bufs[i], momentum) : *bufs[i];
    }
    p.add_(g, -lr);
  }
  return 0;
  CT_CATCH(-1)
}
