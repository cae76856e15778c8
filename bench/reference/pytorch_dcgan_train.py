#!/usr/bin/python3
"""The peer of Experiments/configs/dcgan-fashion.yaml in the "quality in equal time" comparison: the pytorch/examples
dcgan recipe (Adam 2e-4/0.5, BCE with logits, non-saturating G loss, N(0, 0.02) init, batch 64, k = 1) on the same
dcgan28 networks (dcgan_nets.py), trained on Fashion-MNIST for a wall-clock budget with Debian's PyTorch.

    /usr/bin/python3 bench/reference/pytorch_dcgan_train.py --minutes 30 --threads 2 --out DIR [--samples 5000]

Writes DIR/samples/sample-NNNNN.png (the generator in eval mode, as Coevo samples) and DIR/sheet.png (8x8), and
prints one line `RESULT key=value ...`. `coevo metrics --real fashion-mnist:test --fake DIR/samples` scores them.
"""
import argparse
import os
import sys
import time
import zlib
import struct

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from dcgan_nets import NZ, Discriminator, Generator, load_idx_images, set_threads, weights_init  # noqa: E402


def write_png(path, grey):
    """8-bit greyscale PNG from a [H, W] array in [0, 1], with zlib only (no PIL needed)."""
    h, w = grey.shape
    raw = b"".join(b"\x00" + (np.clip(grey, 0, 1) * 255 + 0.5).astype(np.uint8)[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--samples", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(os.path.join(a.out, "samples"), exist_ok=True)
    blas = set_threads(a.threads)
    torch.manual_seed(a.seed)
    X = torch.from_numpy(load_idx_images(a.data).astype(np.float32)).div_(127.5).sub_(1.0)
    G, D = Generator(), Discriminator()
    G.apply(weights_init)
    D.apply(weights_init)
    oD = torch.optim.Adam(D.parameters(), 2e-4, betas=(0.5, 0.999))
    oG = torch.optim.Adam(G.parameters(), 2e-4, betas=(0.5, 0.999))
    b = a.batch
    ones, zeros = torch.ones(b), torch.zeros(b)
    t0 = time.time()
    steps = seen = pi = 0
    perm = torch.randperm(len(X))
    while time.time() - t0 < a.minutes * 60:
        if pi + b > len(X):
            perm, pi = torch.randperm(len(X)), 0
        real = X[perm[pi:pi + b]]
        pi += b
        fake = G(torch.randn(b, NZ, 1, 1))
        oD.zero_grad()
        lossD = F.binary_cross_entropy_with_logits(D(real), ones) + F.binary_cross_entropy_with_logits(D(fake.detach()), zeros)
        lossD.backward()
        oD.step()
        oG.zero_grad()
        lossG = F.binary_cross_entropy_with_logits(D(fake), ones)
        lossG.backward()
        oG.step()
        steps += 1
        seen += b
    secs = time.time() - t0
    G.eval()
    with torch.no_grad():
        s = torch.cat([G(torch.randn(min(500, a.samples - i), NZ, 1, 1)) for i in range(0, a.samples, 500)])
    s = s[:, 0].add(1).div(2).clamp(0, 1).numpy()
    for i, img in enumerate(s):
        write_png(os.path.join(a.out, "samples", "sample-%05d.png" % i), img)
    grid = np.ones((8 * 30, 8 * 30), np.float32)
    for k in range(min(64, len(s))):
        r, c = divmod(k, 8)
        grid[r * 30 + 1:r * 30 + 29, c * 30 + 1:c * 30 + 29] = s[k]
    write_png(os.path.join(a.out, "sheet.png"), np.kron(grid, np.ones((2, 2), np.float32)))
    print("RESULT bench=pytorch_dcgan_train minutes=%g steps=%d epochs=%.2f ms_per_step=%.1f lossD=%.3f lossG=%.3f blas=%s torch=%s"
          % (a.minutes, steps, seen / len(X), 1000 * secs / max(steps, 1), lossD.item(), lossG.item(), blas, torch.__version__), flush=True)


if __name__ == "__main__":
    main()
