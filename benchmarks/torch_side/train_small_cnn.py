"""PyTorch side of the engine speed benchmark: trains a small CNN on random data.

The model (the C# side mirrors it exactly):

    input [128, 1, 28, 28]
    Conv2d(1, 32, kernel_size=3, padding=1) -> BatchNorm2d(32) -> ReLU -> MaxPool2d(2)   # [128, 32, 14, 14]
    Conv2d(32, 64, kernel_size=3, padding=1) -> BatchNorm2d(64) -> ReLU -> MaxPool2d(2)  # [128, 64, 7, 7]
    Flatten -> Linear(64 * 7 * 7, 128) -> ReLU -> Linear(128, 10)                        # [128, 10]

Training: cross-entropy loss, SGD(lr=0.01, momentum=0.9), batch 128. The data are 8 batches
of standard-normal images with uniform labels in 0..9, generated once with seed 0 and reused
cyclically, so the timing measures the engine rather than data loading. `--warmup` untimed
steps run first, then `--steps` timed ones. One JSON line is printed:

    {"framework": "pytorch", "steps_per_second": ..., "ms_per_step": ..., "threads": ...,
     "final_loss": ...}

With --op-overhead it instead times 100000 calls of a.add_(b) on one-element tensors and prints
{"framework": "pytorch", "mode": "op_overhead", "us_per_op": ..., "threads": ...}.

Run it with a Python that has PyTorch (on Debian: /usr/bin/python3 with python3-torch).
"""
import argparse
import json
import os
import time

import torch
from torch import nn

BATCH_SIZE = 128
DATA_BATCHES = 8
OP_CALLS = 100_000


def build_model():
    return nn.Sequential(
        nn.Conv2d(1, 32, kernel_size=3, padding=1),
        nn.BatchNorm2d(32),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, kernel_size=3, padding=1),
        nn.BatchNorm2d(64),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 128),
        nn.ReLU(),
        nn.Linear(128, 10),
    )


def make_batches():
    generator = torch.Generator().manual_seed(0)
    return [
        (
            torch.randn(BATCH_SIZE, 1, 28, 28, generator=generator),
            torch.randint(0, 10, (BATCH_SIZE,), generator=generator),
        )
        for _ in range(DATA_BATCHES)
    ]


def train(steps, warmup):
    torch.manual_seed(0)
    model = build_model()
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    batches = make_batches()

    def step(index):
        images, labels = batches[index % DATA_BATCHES]
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        return loss

    for index in range(warmup):
        step(index)
    start = time.perf_counter()
    for index in range(warmup, warmup + steps):
        loss = step(index)
    final_loss = loss.item()
    elapsed = time.perf_counter() - start
    return {
        "framework": "pytorch",
        "steps_per_second": steps / elapsed,
        "ms_per_step": 1000.0 * elapsed / steps,
        "threads": torch.get_num_threads(),
        "final_loss": final_loss,
    }


def op_overhead():
    a = torch.zeros(1)
    b = torch.ones(1)
    for _ in range(1000):
        a.add_(b)
    start = time.perf_counter()
    for _ in range(OP_CALLS):
        a.add_(b)
    elapsed = time.perf_counter() - start
    return {
        "framework": "pytorch",
        "mode": "op_overhead",
        "us_per_op": 1e6 * elapsed / OP_CALLS,
        "threads": torch.get_num_threads(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50, help="timed training steps (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed steps before timing (default 5)")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (default: all CPUs)")
    parser.add_argument("--op-overhead", action="store_true", help=f"time {OP_CALLS} a.add_(b) calls instead of training")
    args = parser.parse_args()
    if args.steps < 1 or args.warmup < 0 or args.threads < 1:
        parser.error("--steps and --threads must be positive and --warmup non-negative")

    torch.set_num_threads(args.threads)
    result = op_overhead() if args.op_overhead else train(args.steps, args.warmup)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
