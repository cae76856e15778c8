#!/usr/bin/python3
"""The peer of `bench/run torch-dcgan28`: one DCGAN-28 training step in PyTorch, timed the same way.

    /usr/bin/python3 bench/reference/pytorch_dcgan_step.py --batch 64 --threads 2 --steps 40

One step (pytorch/examples dcgan): fake = G(z); D step on BCE-with-logits(D(real), 1) + (D(fake.detach()), 0);
non-saturating G step on (D(fake), 1); Adam(2e-4, betas (0.5, 0.999)). GFLOP/step = batch * (3*2*MACs_G + 9*2*MACs_D):
G forward+backward once, D three times. Prints one line `RESULT key=value ...` on stdout.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from dcgan_nets import NZ, Discriminator, Generator, conv_macs, load_idx_images, set_threads, weights_init  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--pool", type=int, default=8192)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
    a = ap.parse_args()
    blas = set_threads(a.threads)
    torch.manual_seed(0)
    imgs = load_idx_images(a.data)[: max(a.pool, a.batch)]
    pool = torch.from_numpy(imgs.astype("float32")).div_(127.5).sub_(1.0)
    G, D = Generator(), Discriminator()
    G.apply(weights_init)
    D.apply(weights_init)
    optD = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optG = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    ones, zeros = torch.ones(a.batch), torch.zeros(a.batch)
    gflop = a.batch * (3 * 2 * conv_macs(G, (NZ, 1, 1)) + 9 * 2 * conv_macs(D, (1, 28, 28))) / 1e9
    nb = pool.shape[0] // a.batch
    state = {"i": 0}

    def step():
        i = state["i"] % nb
        state["i"] += 1
        real = pool[i * a.batch:(i + 1) * a.batch]
        fake = G(torch.randn(a.batch, NZ, 1, 1))
        optD.zero_grad(set_to_none=True)
        lossD = F.binary_cross_entropy_with_logits(D(real), ones) + F.binary_cross_entropy_with_logits(D(fake.detach()), zeros)
        lossD.backward()
        optD.step()
        optG.zero_grad(set_to_none=True)
        lossG = F.binary_cross_entropy_with_logits(D(fake), ones)
        lossG.backward()
        optG.step()

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.steps):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print("RESULT bench=pytorch_dcgan_step batch=%d threads=%d ms_per_step_median=%.2f gflops_achieved=%.1f "
          "gflop_per_step=%.3f blas=%s torch=%s" % (a.batch, a.threads, med * 1e3, gflop / med, gflop, blas, torch.__version__),
          flush=True)


if __name__ == "__main__":
    main()
