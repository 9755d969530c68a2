"""PyTorch side of the side-by-side comparison: a multi-task ResNet-18 written as a PyTorch user would.

The model mirrors what MtlSharing builds from a SharingPlan preset on a headless
Backbone.ResNet18 (Stem.SmallImage for --stem small, Stem.ImageNet for --stem standard), block for
block:

    torchvision resnet18 without fc (Identity), with the stem of --stem:
        small     (the default) conv1 = Conv2d(3, 64, 3, stride 1, padding 1, no bias), no max-pool
                  (Identity): the image keeps its size through the stem
        standard  torchvision's own 7x7 stride-2 conv1 and 3x3 stride-2 max-pool: 4x smaller
    Blocks, numbered as MtlSharing's ResNet publishes them:
        0: the stem: conv1, bn1, relu (small) or conv1, bn1, relu, maxpool (standard)
        1: layer1.0   2: layer1.1   3: layer2.0   4: layer2.1
        5: layer3.0   6: layer3.1   7: layer4.0   8: layer4.1
    then avgpool and flatten (512 features) and one Linear(512, classes) head per task.

Layouts (--layout, comma-separated to run several):
    bottom:k     blocks 0..k-1 have one copy per task, the rest are shared
    top:k        the last k blocks have one copy per task, the rest are shared
    shared       every block shared, one head per task
    independent  every block per task (T separate networks)

Modes (--modes, comma-separated); each prints one JSON line per layout:
    params       parameter count, forward multiply-adds per image (Conv2d and Linear) and the block
                 list (module paths per block), no timing
    loop         FP32 training; per step: for each task its batch through its branch, the losses
                 summed, one backward, one SGD step (lr 0.01, momentum 0.9)
    batched      FP32 training; shared blocks run once on the concatenation of all tasks' batches,
                 split into per-task parts only at task-specific blocks
    bf16-loop    loop under torch.autocast("cpu", dtype=torch.bfloat16) (forward and loss)
    bf16-batched batched under the same autocast
    inference    eval mode, no grad: all tasks on one shared input (shared blocks once, then each
                 task's branch) against one single-task network (the same ResNet-18 with one
                 head), timed interleaved
    peak         FP32 peaks: torch.mm at 2048x2048 (SGEMM through the system BLAS), a 1x1
                 convolution of [64, 2048, 8, 8] by 2048 filters and a 3x3 one (padding 1) of
                 [128, 512, 4, 4] by 512 filters (both oneDNN); layout-independent

Data: per task one batch of standard-normal images [batch, 3, S, S] (S = --image-size, default 32,
at least 32: with the standard stem ResNet-18 halves the image five times, to 1x1 at 32) with
uniform labels, made once from seed 0 and reused, so the timing measures the engine. bf16 modes
use at least 3 warm-up steps. Every JSON line names the stem and the image size.

Run it with a Python that has PyTorch (on Debian: /usr/bin/python3 with python3-torch);
benchmarks/compare/compare.sh runs it in alternating rounds with the two .NET sides (MtlSharing and
the hand-written TorchSharp network).
"""
import argparse
import copy
import json
import os
import sys
import time

import torch
import torchvision
from torch import nn

STEMS = ("small", "standard")
MIN_IMAGE_SIZE = 32  # the standard stem and layer2..layer4 halve the image five times: 1x1 at 32
FEATURES = 512
MODES = ("params", "loop", "batched", "bf16-loop", "bf16-batched", "inference", "peak")
BF16_MIN_WARMUP = 3
GEMM_SIDE = 2048
# (key, input shape, filters, kernel side): a 1x1 and a 3x3 convolution through oneDNN, each the
# fastest of a few shapes tried on the 2-core machine (the 3x3 one is layer4's shape at batch 128).
CONV_PEAKS = (("conv1x1_gflops", (64, 2048, 8, 8), 2048, 1), ("conv3x3_gflops", (128, 512, 4, 4), 512, 3))
PEAK_MIN_SECONDS = 2.0
PEAK_MIN_REPS = 2
BLOCK_COUNT = 9  # the stem and ResNet-18's eight BasicBlocks


def headless_resnet18(stem):
    """torchvision's resnet18 without fc; the small stem is a 3x3 stride-1 conv1 and no max-pool."""
    model = torchvision.models.resnet18(weights=None)
    if stem == "small":
        model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        nn.init.kaiming_normal_(model.conv1.weight, mode="fan_out", nonlinearity="relu")
        model.maxpool = nn.Identity()
    model.fc = nn.Identity()
    return model


def resnet_blocks(model, stem):
    """The blocks in MtlSharing's order, each as (module paths, module): the stem, then layer1.0 ... layer4.1."""
    stem_paths = ["conv1", "bn1", "relu"] + (["maxpool"] if stem == "standard" else [])
    blocks = [(stem_paths, nn.Sequential(*(getattr(model, name) for name in stem_paths)))]
    for number in range(1, 5):
        layer = getattr(model, f"layer{number}")
        blocks.extend(([f"layer{number}.{index}"], block) for index, block in enumerate(layer))
    return blocks


def specific_blocks(layout, count):
    """The indices of the per-task blocks of a layout such as 'bottom:2'."""
    if layout == "shared":
        return set()
    if layout == "independent":
        return set(range(count))
    side, _, k_text = layout.partition(":")
    if side not in ("bottom", "top") or not k_text.isdigit() or int(k_text) > count:
        raise ValueError(
            f"unknown layout '{layout}'; valid layouts are bottom:k, top:k (k = 0..{count}), shared, independent")
    k = int(k_text)
    return set(range(k)) if side == "bottom" else set(range(count - k, count))


class MultiTaskResNet(nn.Module):
    """Hard parameter sharing by hand: a ModuleDict of per-task copies for each task-specific block."""

    def __init__(self, tasks, classes, layout, stem):
        super().__init__()
        paths, blocks = zip(*resnet_blocks(headless_resnet18(stem), stem))
        specific = specific_blocks(layout, len(blocks))
        self.block_paths = [list(p) for p in paths]
        self.tasks = list(tasks)
        self.specific = [i in specific for i in range(len(blocks))]
        self.blocks = nn.ModuleList(
            nn.ModuleDict({t: copy.deepcopy(b) for t in self.tasks}) if self.specific[i] else b
            for i, b in enumerate(blocks))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.heads = nn.ModuleDict({t: nn.Linear(FEATURES, classes) for t in self.tasks})

    def forward(self, x, task):
        """One task's batch through the shared blocks and the task's copies."""
        for block, specific in zip(self.blocks, self.specific):
            x = block[task](x) if specific else block(x)
        return self.heads[task](self.pool(x).flatten(1))

    def forward_batched(self, batches):
        """A batch per task; shared blocks run once on the concatenation."""
        tasks = list(batches)
        sizes = [batches[t].shape[0] for t in tasks]
        parts, joined = [batches[t] for t in tasks], None
        for block, specific in zip(self.blocks, self.specific):
            if specific:
                if joined is not None:
                    parts, joined = list(joined.split(sizes)), None
                parts = [block[t](p) for t, p in zip(tasks, parts)]
            else:
                if joined is None:
                    joined, parts = torch.cat(parts), None
                joined = block(joined)
        if joined is not None:
            parts = joined.split(sizes)
        return {t: self.heads[t](self.pool(p).flatten(1)) for t, p in zip(tasks, parts)}

    def forward_all(self, x):
        """Every task on one input: shared blocks once while all tasks agree, then each task's path."""
        shared, per_task = x, None
        for block, specific in zip(self.blocks, self.specific):
            if specific:
                if per_task is None:
                    per_task = {t: shared for t in self.tasks}
                per_task = {t: block[t](h) for t, h in per_task.items()}
            elif per_task is None:
                shared = block(shared)
            else:
                joined = block(torch.cat(list(per_task.values())))
                per_task = dict(zip(per_task, joined.chunk(len(per_task))))
        if per_task is None:
            features = self.pool(shared).flatten(1)
            return {t: self.heads[t](features) for t in self.tasks}
        return {t: self.heads[t](self.pool(h).flatten(1)) for t, h in per_task.items()}


def task_names(count):
    return [f"task{i}" for i in range(count)]


def make_data(tasks, batch, classes, image_size):
    generator = torch.Generator().manual_seed(0)
    return {
        t: (torch.randn(batch, 3, image_size, image_size, generator=generator),
            torch.randint(0, classes, (batch,), generator=generator))
        for t in tasks
    }


def forward_macs_per_image(model, task, image_size):
    """Multiply-adds of one image through one task's path, counted with hooks on Conv2d and Linear."""
    total = [0]

    def hook(module, _inputs, output):
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            total[0] += output.numel() * (module.in_channels // module.groups) * kh * kw
        elif isinstance(module, nn.Linear):
            total[0] += output.numel() * module.in_features

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(torch.zeros(1, 3, image_size, image_size), task)
    finally:
        for handle in handles:
            handle.remove()
        model.train(was_training)
    return total[0]


def build(args, layout):
    torch.manual_seed(0)
    return MultiTaskResNet(task_names(args.tasks), args.classes, layout, args.stem)


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


def base_line(args, layout, mode):
    return {"framework": "pytorch", "layout": layout, "mode": mode, "tasks": args.tasks,
            "batch": args.batch, "threads": torch.get_num_threads(), "stem": args.stem,
            "image_size": args.image_size}


def params(args, layout):
    model = build(args, layout)
    line = base_line(args, layout, "params")
    line.update(params=parameter_count(model), forward_macs_per_image=forward_macs_per_image(model, model.tasks[0], args.image_size),
                blocks=model.block_paths)
    return line


def train(args, layout, mode):
    model = build(args, layout)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    data = make_data(model.tasks, args.batch, args.classes, args.image_size)
    bf16 = mode.startswith("bf16")
    batched = mode.endswith("batched")
    warmup = max(args.warmup, BF16_MIN_WARMUP) if bf16 else args.warmup

    def losses():
        if batched:
            outputs = model.forward_batched({t: x for t, (x, _) in data.items()})
            return sum(loss_fn(outputs[t], y) for t, (_, y) in data.items())
        return sum(loss_fn(model(x, t), y) for t, (x, y) in data.items())

    def step():
        optimizer.zero_grad()
        if bf16:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = losses()
        else:
            loss = losses()
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        loss = step()
    final_loss = loss.item()
    elapsed = time.perf_counter() - start
    images = args.steps * args.tasks * args.batch
    line = base_line(args, layout, mode)
    line.update(params=parameter_count(model), steps=args.steps, warmup=warmup,
                images_per_second=images / elapsed, ms_per_step=1000.0 * elapsed / args.steps,
                final_loss=final_loss)
    return line


def inference(args, layout):
    model = build(args, layout).eval()
    torch.manual_seed(0)
    single = nn.Sequential(headless_resnet18(args.stem), nn.Linear(FEATURES, args.classes)).eval()
    x = torch.randn(args.batch, 3, args.image_size, args.image_size, generator=torch.Generator().manual_seed(0))
    all_seconds = single_seconds = 0.0
    with torch.no_grad():
        for _ in range(args.warmup):
            model.forward_all(x)
            single(x)
        for _ in range(args.steps):
            start = time.perf_counter()
            model.forward_all(x)
            middle = time.perf_counter()
            single(x)
            all_seconds += middle - start
            single_seconds += time.perf_counter() - middle
    line = base_line(args, layout, "inference")
    line.update(params=parameter_count(model), steps=args.steps, warmup=args.warmup,
                images_per_second=args.batch * args.steps / all_seconds,
                ms_all_tasks=1000.0 * all_seconds / args.steps,
                ms_single_model=1000.0 * single_seconds / args.steps,
                all_over_single=all_seconds / single_seconds)
    return line


def timed_gflops(run, flops):
    """Repeats run() (after one untimed call) until PEAK_MIN_REPS calls and PEAK_MIN_SECONDS have passed."""
    run()
    reps, start = 0, time.perf_counter()
    while reps < PEAK_MIN_REPS or time.perf_counter() - start < PEAK_MIN_SECONDS:
        run()
        reps += 1
    return flops * reps / (time.perf_counter() - start) / 1e9


def peak(args):
    generator = torch.Generator().manual_seed(0)
    a = torch.randn(GEMM_SIDE, GEMM_SIDE, generator=generator)
    b = torch.randn(GEMM_SIDE, GEMM_SIDE, generator=generator)
    line = base_line(args, "-", "peak")
    with torch.no_grad():
        line["sgemm_2048_gflops"] = timed_gflops(lambda: torch.mm(a, b), 2.0 * GEMM_SIDE ** 3)
        for key, (n, c, h, w), filters, k in CONV_PEAKS:
            x = torch.randn(n, c, h, w, generator=generator)
            weight = torch.randn(filters, c, k, k, generator=generator)
            line[key] = timed_gflops(lambda: nn.functional.conv2d(x, weight, padding=k // 2),
                                     2.0 * n * h * w * c * filters * k * k)
    return line


def run(args, layout, mode):
    if mode == "params":
        return params(args, layout)
    if mode == "inference":
        return inference(args, layout)
    return train(args, layout, mode)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", default="shared", help="comma-separated layouts (default shared)")
    parser.add_argument("--modes", default="loop", help=f"comma-separated modes from {', '.join(MODES)}")
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--batch", type=int, default=32, help="images per task per step")
    parser.add_argument("--classes", type=int, default=10, help="classes per task")
    parser.add_argument("--steps", type=int, default=10, help="timed steps")
    parser.add_argument("--warmup", type=int, default=3, help="untimed steps first (bf16 modes: at least 3)")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--stem", choices=STEMS, default="small",
                        help="small: 3x3 stride-1 conv1, no max-pool (default); standard: torchvision's 7x7 stride-2 conv1 and max-pool")
    parser.add_argument("--image-size", type=int, default=32, help=f"image side in pixels (default 32, at least {MIN_IMAGE_SIZE})")
    args = parser.parse_args()
    if min(args.tasks, args.batch, args.classes, args.steps, args.threads) < 1 or args.warmup < 0:
        parser.error("--tasks, --batch, --classes, --steps and --threads must be positive, --warmup non-negative")
    if args.image_size < MIN_IMAGE_SIZE:
        parser.error(f"--image-size must be at least {MIN_IMAGE_SIZE} (ResNet-18 with the standard stem halves it "
                     f"five times, to 1x1 at {MIN_IMAGE_SIZE}); got {args.image_size}")
    args.layouts = [l.strip() for l in args.layout.split(",") if l.strip()]
    args.mode_list = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in args.mode_list if m not in MODES]
    if unknown or not args.mode_list:
        parser.error(f"unknown mode(s) {', '.join(unknown) or '(none)'}; valid modes are {', '.join(MODES)}")
    for layout in args.layouts:
        try:
            specific_blocks(layout, BLOCK_COUNT)
        except ValueError as error:
            parser.error(str(error))
    if not args.layouts:
        parser.error("--layout is empty; give e.g. bottom:2,top:2,shared,independent")
    return args


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    for mode in args.mode_list:
        if mode == "peak":
            print(json.dumps(peak(args)), flush=True)
            continue
        for layout in args.layouts:
            print(json.dumps(run(args, layout, mode)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
