#!/usr/bin/python3
"""Loads the DCGAN-28 generator and discriminator that `bench/run torch-export` exported from Coevo as PyTorch state
dicts (.pt, written by TorchSharp.PyBridge's save_py), runs them in eval mode on the inputs Coevo used, and prints how
far PyTorch's outputs are from Coevo's:

    /usr/bin/python3 bench/reference/pytorch_export_check.py --dir DIR

DIR holds generator.pt, discriminator.pt and io.pt (z, Coevo's G(z), images x, Coevo's D(x)).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
from dcgan_nets import Discriminator, Generator  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    G, D = Generator(), Discriminator()
    G.load_state_dict(torch.load(os.path.join(a.dir, "generator.pt")))
    D.load_state_dict(torch.load(os.path.join(a.dir, "discriminator.pt")))
    G.eval()
    D.eval()
    io = torch.load(os.path.join(a.dir, "io.pt"))
    with torch.no_grad():
        dg = (G(io["z"]) - io["g_out"]).abs().max().item()
        dd = (D(io["x"]) - io["d_out"]).abs().max().item()
    bn = G.main[1].running_mean.abs().sum().item()
    print("RESULT bench=pytorch_export_check g_max_abs_diff=%.3g d_max_abs_diff=%.3g g_bn_running_mean_abs_sum=%.4g torch=%s"
          % (dg, dd, bn, torch.__version__), flush=True)


if __name__ == "__main__":
    main()
