#!/usr/bin/python3
"""Reference renderers for the render-gp and render-cppn benchmarks: the same populations that Coevo renders,
evaluated with numpy and with PyTorch (float32, CPU), vectorised over the pixel grid.

    /usr/bin/python3 render_reference.py --mode cppn --impl numpy --sizes 128 --pop 100 --dump-genomes /tmp/g.json
    /usr/bin/python3 render_reference.py --check          # prints the modules found, e.g. "numpy torch"

CPPN (Picbreeder-style): inputs x, y in [-1, 1] (linspace over the width and height), d = sqrt(x^2 + y^2) and a bias of 1;
--hidden random hidden nodes in a DAG, node k summing 2..4 distinct sources among the inputs and hidden nodes 0..k-1
(weights U(-3, 3)), activation drawn from sin, gauss = exp(-a^2), sigmoid, tanh, abs, linear; three sigmoid outputs
summing 3..6 distinct hidden nodes give hue, saturation and value, turned into RGB bytes. Every hidden node is evaluated.
GP (Karl Sims-style): one random tree of exactly --gp-nodes nodes per image over x and y; terminals x, y (p = .4 each)
and constants U(-1, 1); functions + - * pdiv sin cos atan2 abs min max mod exp(clamped) plog ifte. Constant subtrees
are folded first; each remaining node is one vectorised operation over all pixels. The value v becomes the grey byte
clamp((v + 1) * 127.5).

Timing: one unit renders the whole population; one warm-up unit, then --reps units; the median and the minimum are
reported on a line "RESULT key=value ...". --dump-genomes writes the genomes ({"cppn": [...], "gp": [...]}) so Coevo
renders exactly the same ones. torch is only imported when --impl asks for it.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import numpy as np
except ImportError:  # --check reports it; the benchmark then says it skipped
    np = None

ACTIVATIONS = ["sin", "gauss", "sigmoid", "tanh", "abs", "linear"]
UNARY = ["sin", "cos", "abs", "exp", "log"]
BINARY = ["add", "sub", "mul", "div", "atan2", "min", "max", "mod"]
TERNARY = ["ifte"]
EPS = 1e-6


def grid(h, w):
    ys, xs = np.meshgrid(np.linspace(-1, 1, h, dtype=np.float32), np.linspace(-1, 1, w, dtype=np.float32), indexing="ij")
    x, y = np.ascontiguousarray(xs.reshape(-1)), np.ascontiguousarray(ys.reshape(-1))
    return x, y, np.sqrt(x * x + y * y).astype(np.float32)


# ------------------------------------------------------------------ genomes (the draw order fixes the populations)
def random_cppn(rng, n_hidden):
    hidden = []
    for k in range(n_hidden):
        pool = 4 + k
        fan = min(int(rng.integers(2, 5)), pool)
        sources = rng.choice(pool, size=fan, replace=False)
        hidden.append({"act": ACTIVATIONS[int(rng.integers(len(ACTIVATIONS)))],
                       "in": [[int(s), float(rng.uniform(-3, 3))] for s in sources]})
    outputs = []
    for _ in range(3):
        fan = int(rng.integers(3, 7))
        sources = 4 + rng.choice(n_hidden, size=min(fan, n_hidden), replace=False)
        outputs.append({"act": "sigmoid", "in": [[int(s), float(rng.uniform(-3, 3))] for s in sources]})
    return {"inputs": ["x", "y", "d", "bias"], "hidden": hidden, "outputs": outputs}


def random_tree(rng, n):
    """A random expression tree of exactly n nodes, as nested lists."""
    if n == 1:
        r = rng.random()
        return ["x"] if r < 0.4 else ["y"] if r < 0.8 else ["const", float(np.float32(rng.uniform(-1, 1)))]
    ops = UNARY + (BINARY if n >= 3 else []) + (TERNARY if n >= 4 else [])
    op = ops[int(rng.integers(len(ops)))]
    arity = 1 if op in UNARY else 2 if op in BINARY else 3
    cuts = sorted(rng.choice(np.arange(1, n - 1), size=arity - 1, replace=False).tolist()) if arity > 1 else []
    bounds = [0] + cuts + [n - 1]
    return [op] + [random_tree(rng, bounds[i + 1] - bounds[i]) for i in range(arity)]


# ------------------------------------------------------------------ CPPN renderers
class Cppn:
    """What both CPPN renderers share: node by node through the network into the preallocated buffers (subclasses
    give weighted_sum and activate), leaving hue, saturation and value in self.out."""

    def evaluate(self, g):
        values = list(self.inputs)
        for k, node in enumerate(g["hidden"]):
            self.weighted_sum(self.hidden[k], node["in"], values)
            self.activate(self.hidden[k], node["act"])
            values.append(self.hidden[k])
        for c, node in enumerate(g["outputs"]):
            self.weighted_sum(self.out[c], node["in"], values)
            self.activate(self.out[c], "sigmoid")
        return self.out


class NumpyCppn(Cppn):
    """Every node's values live in a preallocated buffer; all arithmetic is in place (out=), so nothing is allocated per node."""

    def __init__(self, h, w, n_hidden):
        self.h, self.w = h, w
        x, y, d = grid(h, w)
        self.inputs = [x, y, d, None]
        self.hidden = np.empty((n_hidden, h * w), np.float32)
        self.out = np.empty((3, h * w), np.float32)
        self.t = np.empty((2, h * w), np.float32)

    def weighted_sum(self, buf, sources, values):
        first = True
        for s, weight in sources:
            v, weight = values[s], np.float32(weight)
            if v is None:  # the bias input
                if first:
                    buf.fill(weight)
                else:
                    np.add(buf, weight, out=buf)
            elif first:
                np.multiply(v, weight, out=buf)
            else:
                np.multiply(v, weight, out=self.t[0])
                np.add(buf, self.t[0], out=buf)
            first = False

    @staticmethod
    def activate(buf, name):
        if name == "sin":
            np.sin(buf, out=buf)
        elif name == "gauss":
            np.square(buf, out=buf)
            np.negative(buf, out=buf)
            np.exp(buf, out=buf)
        elif name == "sigmoid":
            np.negative(buf, out=buf)
            np.exp(buf, out=buf)
            np.add(buf, np.float32(1), out=buf)
            np.reciprocal(buf, out=buf)
        elif name == "tanh":
            np.tanh(buf, out=buf)
        elif name == "abs":
            np.abs(buf, out=buf)

    def render(self, g, img):
        # HSV to RGB without branches: channel = v - v*s*clamp(min(k, 4-k), 0, 1), k = (6h + n) mod 6, n = 5, 3, 1
        h, s, v = self.evaluate(g)
        f, k, vs = np.float32, self.t[0], self.t[1]
        np.multiply(v, s, out=vs)
        for c, n in enumerate((5.0, 3.0, 1.0)):
            np.multiply(h, f(6), out=k)
            np.add(k, f(n), out=k)
            np.remainder(k, f(6), out=k)
            np.minimum(k, f(4) - k, out=k)
            np.clip(k, f(0), f(1), out=k)
            np.multiply(k, vs, out=k)
            np.subtract(v, k, out=k)
            np.multiply(k, f(255), out=k)
            np.copyto(img[:, :, c], k.reshape(self.h, self.w), casting="unsafe")


class TorchCppn(Cppn):
    """The same with torch tensors and in-place operations."""

    def __init__(self, h, w, n_hidden):
        import torch
        self.torch, self.h, self.w = torch, h, w
        x, y, d = grid(h, w)
        self.inputs = [torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(d), None]
        self.hidden = torch.empty(n_hidden, h * w)
        self.out = torch.empty(3, h * w)
        self.t = torch.empty(2, h * w)

    def weighted_sum(self, buf, sources, values):
        first = True
        for s, weight in sources:
            v = values[s]
            if v is None:
                if first:
                    buf.fill_(weight)
                else:
                    buf.add_(weight)
            elif first:
                self.torch.mul(v, weight, out=buf)
            else:
                buf.add_(v, alpha=weight)
            first = False

    @staticmethod
    def activate(buf, name):
        if name == "sin":
            buf.sin_()
        elif name == "gauss":
            buf.square_().neg_().exp_()
        elif name == "sigmoid":
            buf.sigmoid_()
        elif name == "tanh":
            buf.tanh_()
        elif name == "abs":
            buf.abs_()

    def render(self, g, img):
        h, s, v = self.evaluate(g)
        k, vs = self.t[0], self.t[1]
        self.torch.mul(v, s, out=vs)
        for c, n in enumerate((5.0, 3.0, 1.0)):
            self.torch.mul(h, 6.0, out=k)
            k.add_(n).remainder_(6.0)
            self.torch.minimum(k, 4.0 - k, out=k)
            k.clamp_(0.0, 1.0).mul_(vs)
            self.torch.sub(v, k, out=k)
            img[:, :, c].copy_(k.mul_(255.0).view(self.h, self.w))


# ------------------------------------------------------------------ GP renderers
def numpy_ops():
    f = np.float32

    def pdiv(a, b):
        ok = np.abs(b) > f(EPS)
        return np.where(ok, a / np.where(ok, b, f(1)), f(1)).astype(np.float32, copy=False)

    def pmod(a, b):
        ok = np.abs(b) > f(EPS)
        safe = np.where(ok, b, f(1))
        return np.where(ok, a - safe * np.floor(a / safe), f(0)).astype(np.float32, copy=False)

    return {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": pdiv, "sin": np.sin, "cos": np.cos,
            "abs": np.abs, "atan2": np.arctan2, "min": np.minimum, "max": np.maximum, "mod": pmod,
            "exp": lambda a: np.exp(np.clip(a, f(-10), f(10))), "log": lambda a: np.log(np.maximum(np.abs(a), f(EPS))),
            "ifte": lambda c, a, b: np.where(c > f(0), a, b)}


def torch_ops():
    import torch
    t = lambda v: v if isinstance(v, torch.Tensor) else torch.tensor(v)

    def pdiv(a, b):
        b = t(b)
        ok = b.abs() > EPS
        return torch.where(ok, t(a) / torch.where(ok, b, torch.tensor(1.0)), torch.tensor(1.0))

    def pmod(a, b):
        b = t(b)
        ok = b.abs() > EPS
        return torch.where(ok, torch.remainder(t(a), torch.where(ok, b, torch.tensor(1.0))), torch.tensor(0.0))

    return {"add": lambda a, b: torch.add(t(a), b), "sub": lambda a, b: torch.sub(t(a), b),
            "mul": lambda a, b: torch.mul(t(a), b), "div": pdiv, "sin": torch.sin, "cos": torch.cos, "abs": torch.abs,
            "atan2": lambda a, b: torch.atan2(t(a), t(b)), "min": lambda a, b: torch.minimum(t(a), t(b)),
            "max": lambda a, b: torch.maximum(t(a), t(b)), "mod": pmod,
            "exp": lambda a: torch.exp(torch.clamp(a, -10.0, 10.0)),
            "log": lambda a: torch.log(torch.clamp(a.abs(), min=EPS)),
            "ifte": lambda c, a, b: torch.where(t(c) > 0, t(a), t(b))}


def compile_tree(tree, ops):
    """Folds constant subtrees; returns a postfix program and its number of per-pixel operations."""
    def fold(t):
        if t[0] in ("x", "y"):
            return t, False
        if t[0] == "const":
            return t, True
        kids = [fold(c) for c in t[1:]]
        if all(constant for _, constant in kids):
            with np.errstate(all="ignore"):
                value = ops[t[0]](*[np.float32(k[1]) for k, _ in kids])
            return ["const", float(np.float32(value))], True
        return [t[0]] + [k for k, _ in kids], False

    program, count = [], [0]

    def emit(t):
        if t[0] in ("x", "y"):
            program.append((t[0],))
        elif t[0] == "const":
            program.append(("c", t[1]))
        else:
            for c in t[1:]:
                emit(c)
            program.append((t[0], len(t) - 1))
            count[0] += 1
    emit(fold(tree)[0])
    return program, count[0]


def run_program(program, ops, x, y):
    stack = []
    for step in program:
        if step[0] == "x":
            stack.append(x)
        elif step[0] == "y":
            stack.append(y)
        elif step[0] == "c":
            stack.append(step[1])
        else:
            n = step[1]
            args = stack[-n:]
            del stack[-n:]
            stack.append(ops[step[0]](*args))
    return stack[0]


class NumpyGp:
    def __init__(self, h, w):
        self.h, self.w = h, w
        self.x, self.y, _ = grid(h, w)
        self.ops = numpy_ops()

    def render(self, program, img):
        with np.errstate(all="ignore"):
            v = run_program(program, self.ops, self.x, self.y)
            v = np.broadcast_to(np.float32(v), (self.h * self.w,)) if np.ndim(v) == 0 else v
            v = np.clip((np.nan_to_num(v, nan=0.0, posinf=1.0, neginf=-1.0) + np.float32(1)) * np.float32(127.5), 0, 255)
        np.copyto(img, v.reshape(self.h, self.w), casting="unsafe")


class TorchGp:
    def __init__(self, h, w):
        import torch
        self.torch, self.h, self.w = torch, h, w
        x, y, _ = grid(h, w)
        self.x, self.y = torch.from_numpy(x), torch.from_numpy(y)
        self.ops = torch_ops()

    def render(self, program, img):
        v = run_program(program, self.ops, self.x, self.y)
        if not isinstance(v, self.torch.Tensor) or v.dim() == 0:
            v = self.torch.full((self.h * self.w,), float(v))
        img.copy_(self.torch.nan_to_num(v, 0.0, 1.0, -1.0).add_(1.0).mul_(127.5).clamp_(0.0, 255.0).view(self.h, self.w))


# ------------------------------------------------------------------ main
def check():
    found = [] if np is None else ["numpy"]
    try:
        import torch  # noqa: F401
        found.append("torch")
    except ImportError:
        pass
    print(" ".join(found))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="print the modules found and exit")
    ap.add_argument("--mode", default="cppn", choices=["cppn", "gp"])
    ap.add_argument("--impl", default="numpy", choices=["numpy", "torch"])
    ap.add_argument("--sizes", default="128")
    ap.add_argument("--pop", type=int, default=100)
    ap.add_argument("--hidden", type=int, default=20)
    ap.add_argument("--gp-nodes", type=int, default=40)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dump-genomes", metavar="JSON")
    a = ap.parse_args()
    if a.check:
        return check()
    if np is None:
        sys.exit("numpy is not installed (apt-get install python3-numpy)")

    np.seterr(all="ignore")  # sigmoid and exp overflow to inf on purpose
    rng = np.random.default_rng(a.seed)
    cppns = [random_cppn(rng, a.hidden) for _ in range(a.pop)]
    trees = [random_tree(rng, a.gp_nodes) for _ in range(a.pop)]
    if a.dump_genomes:
        with open(a.dump_genomes, "w") as f:
            json.dump({"seed": a.seed, "cppn": cppns, "gp": trees}, f)
    if a.impl == "torch":
        import torch
        torch.set_num_threads(a.threads)
    programs = [compile_tree(t, numpy_ops())[0] for t in trees]

    for size in [int(s) for s in a.sizes.split(",")]:
        if a.mode == "cppn":
            renderer = (TorchCppn if a.impl == "torch" else NumpyCppn)(size, size, a.hidden)
            shape, items = (a.pop, size, size, 3), cppns
        else:
            renderer = (TorchGp if a.impl == "torch" else NumpyGp)(size, size)
            shape, items = (a.pop, size, size), programs
        if a.impl == "torch":
            import torch
            images = torch.zeros(shape, dtype=torch.uint8)
        else:
            images = np.zeros(shape, dtype=np.uint8)

        def population():
            for i, g in enumerate(items):
                renderer.render(g, images[i])
        population()  # warm-up
        times = []
        for _ in range(a.reps):
            t = time.perf_counter()
            population()
            times.append(time.perf_counter() - t)
        median, best = statistics.median(times), min(times)
        pixels = a.pop * size * size
        print("RESULT bench=%s impl=%s size=%d pop=%d threads=%d ms_per_pop_median=%.1f ms_per_pop_min=%.1f mpix_per_s=%.2f reps=%d"
              % (a.mode, a.impl, size, a.pop, a.threads if a.impl == "torch" else 1, median * 1e3, best * 1e3,
                 pixels / median / 1e6, a.reps), flush=True)


if __name__ == "__main__":
    sys.exit(main())
