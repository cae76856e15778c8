"""Coevo's DCGAN networks in PyTorch, layer for layer as Artists/Dcgan/DcganGenerator.cs and
Critics/Cnn/DcganDiscriminator.cs build them (same module names, so state dicts are interchangeable):
a `main` nn.Sequential of bias-free (transposed) convolutions, BatchNorm, ReLU/LeakyReLU(0.2), tanh.

  G widths [256, 128], size 28: z [N,100,1,1] -> 256x7x7 -> 128x14x14 -> 1x28x28   (the dcgan28 net)
  D widths [64, 128],  size 28: 1x28x28 -> 64x14x14 -> 128x7x7 -> logit [N]
"""
import torch
import torch.nn as nn

NZ = 100


class Generator(nn.Module):
    def __init__(self, size=28, channels=1, nz=NZ, widths=(256, 128)):
        super().__init__()
        start = size >> len(widths)
        layers = [nn.ConvTranspose2d(nz, widths[0], start, 1, 0, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(True)]
        for a, b in zip(widths, widths[1:]):
            layers += [nn.ConvTranspose2d(a, b, 4, 2, 1, bias=False), nn.BatchNorm2d(b), nn.ReLU(True)]
        layers += [nn.ConvTranspose2d(widths[-1], channels, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self, size=28, channels=1, widths=(64, 128)):
        super().__init__()
        end = size >> len(widths)
        layers = [nn.Conv2d(channels, widths[0], 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True)]
        for a, b in zip(widths, widths[1:]):
            layers += [nn.Conv2d(a, b, 4, 2, 1, bias=False), nn.BatchNorm2d(b), nn.LeakyReLU(0.2, True)]
        layers += [nn.Conv2d(widths[-1], 1, end, 1, 0, bias=False), nn.Flatten(0)]
        self.main = nn.Sequential(*layers)

    def forward(self, x):
        return self.main(x)


def weights_init(m):
    """pytorch/examples dcgan: conv weights N(0, 0.02), BatchNorm gamma N(1, 0.02), beta 0."""
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


def conv_macs(model, in_shape):
    """Multiply-accumulates per image of every (transposed) convolution."""
    c, h, w = in_shape
    total = 0
    for m in model.modules():
        if isinstance(m, nn.ConvTranspose2d):
            k, s, p = m.kernel_size[0], m.stride[0], m.padding[0]
            total += h * w * m.in_channels * m.out_channels * k * k
            c, h, w = m.out_channels, (h - 1) * s - 2 * p + k, (w - 1) * s - 2 * p + k
        elif isinstance(m, nn.Conv2d):
            k, s, p = m.kernel_size[0], m.stride[0], m.padding[0]
            h, w = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
            total += h * w * m.in_channels * m.out_channels * k * k
            c = m.out_channels
    return total


def set_threads(n):
    """torch intra-op threads = n; OpenBLAS (Debian's torch sends ConvTranspose2d there) = 1, so the pools don't fight."""
    import ctypes
    torch.set_num_threads(n)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    for name in ("libopenblas.so.0", "libopenblas.so"):
        try:
            ctypes.CDLL(name).openblas_set_num_threads(1)
            return "openblas:1"
        except (OSError, AttributeError):
            continue
    return "-"


def load_idx_images(path):
    import gzip
    import struct
    import numpy as np
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        buf = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", buf[:16])
    if magic != 2051:
        raise ValueError("%s: not an IDX3 image file" % path)
    return np.frombuffer(buf, dtype=np.uint8, offset=16).reshape(n, 1, rows, cols)
