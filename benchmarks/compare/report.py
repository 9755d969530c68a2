"""Turns the JSON lines of the three sides of benchmarks/compare/compare.sh into tables against the targets.

    report.py RESULTS.jsonl [--out DIR] [--check-params] [--command TEXT]

The sides: MtlSharing's model ("mtlsharing"), the same network written by hand in TorchSharp without
MtlSharing ("handwritten"), and PyTorch ("pytorch"). Images/s are medians over the rounds of the same
(side, layout, mode); a ratio is the median over rounds of that round's ratio (compare.sh tags each
line with its round and alternates the order of the sides between rounds; lines without rounds fall
back to the ratio of the medians). Targets of the main table, loop mode (the per-task loop a user writes):
    FP32, MtlSharing / hand-written TorchSharp       >= 1.0, every layout
    bf16, MtlSharing / hand-written TorchSharp       >= 1.0, both under bf16 autocast
    FP32 and bf16, MtlSharing / PyTorch              >= 1.0 with MtlSharing's model channels last
                                                     (--memory-format channels-last; bf16 against
                                                     PyTorch's own bf16 autocast)
Further targets:
    loop, batched (FP32)            ours >= 1.0 x PyTorch's images/s, every layout
    batched vs loop                 ours batched >= 1.0 x ours loop
    bf16-* vs PyTorch FP32          ours under bf16 autocast >= 1.7 x PyTorch FP32, same routing mode
    bf16-* vs PyTorch bf16          >= 1.0 x PyTorch under torch.autocast("cpu", torch.bfloat16)
    inference (top:k and shared)    all tasks on one input <= 1.2 x one single-task network (the report
                                    also gives the ratio the multiply-adds alone imply)
Hardware efficiency (reported, no target): training FLOP/s, counted as 3 x 2 x the forward
multiply-adds of Conv2d and Linear layers per image, as a share of SGEMM at 2048x2048 (the peak the
issue names; through Debian's reference BLAS it is far below the machine's) and of a 1x1 and a 3x3
convolution through oneDNN (the practical peaks), all measured in the same run; each peak is the best
either side reached in any round, since the peak belongs to the machine.

Every line names the network it ran, the stem ("small" or "standard") and the image size (lines
without them are of the small stem at 32x32, the only network before --stem and --image-size); the
report names it in its heading and refuses lines of more than one network, so that the results of two
configurations are never mixed.

--check-params only compares the parameter counts (and forward multiply-adds and block lists, where a
side reports them) of the sides per layout and exits with status 1 if any differ. A mismatch also fails
a full report. With --out the tables are also written to DIR/results.md and one CSV per table
(targets, throughput, within_side, peaks, efficiency .csv).
"""
import argparse
import csv
import json
import os
import statistics
import sys
from collections import Counter

OURS, HAND, THEIRS = "mtlsharing", "handwritten", "pytorch"
SIDES = (OURS, HAND, THEIRS)
SIDE_NAMES = {OURS: "MtlSharing", HAND: "TorchSharp by hand", THEIRS: "PyTorch"}
TRAINING_FLOPS_PER_FORWARD_MAC = 3 * 2
FP32_TARGET, BF16_VS_FP32_TARGET, BF16_TARGET = 1.0, 1.7, 1.0
HAND_FP32_TARGET, HAND_BF16_TARGET, CHANNELS_LAST_TARGET = 1.0, 1.0, 1.0
CHANNELS_LAST = "channels-last"
BATCHED_TARGET, INFERENCE_TARGET = 1.0, 1.2
STEM_TEXT = {"small": "the small-image stem (3x3 stride-1 conv1, no max-pool)",
             "standard": "torchvision's standard stem (7x7 stride-2 conv1 and max-pool)"}


def load(path):
    with open(path, encoding="utf-8") as handle:
        lines = [json.loads(text) for text in handle if text.strip().startswith("{")]
    if not lines:
        sys.exit(f"report.py: no results in {path}")
    return lines


def network(line):
    """The (stem, image size) a line ran; lines without them come from before both options, when the
    comparison ran only the small stem at 32x32."""
    return line.get("stem", "small"), line.get("image_size", 32)


def the_network(lines, path):
    """The one (stem, image size) of all lines; exits if they mix networks."""
    networks = sorted({network(line) for line in lines})
    if len(networks) > 1:
        sys.exit(f"report.py: {path} mixes the results of different networks "
                 f"({', '.join(f'stem {stem} at {size}x{size}' for stem, size in networks)}); "
                 "report each compare.sh run (one --stem and --image-size) on its own")
    return networks[0]


def network_title(stem, size):
    return f"ResNet-18, {stem} stem, 3x{size}x{size} inputs"


def matching(lines, side, layout, mode, key):
    return [line for line in lines
            if line["framework"] == side and line["layout"] == layout and line["mode"] == mode and key in line]


def median_of(lines, side, layout, mode, key):
    values = [line[key] for line in matching(lines, side, layout, mode, key)]
    return statistics.median(values) if values else None


def paired_ratio(lines, layout, numerator, denominator, key="images_per_second"):
    """numerator and denominator are (side, mode). The median over rounds of the round's ratio, and the
    number of rounds paired; without round tags, the ratio of the medians and 0."""
    tops = matching(lines, numerator[0], layout, numerator[1], key)
    bottoms = matching(lines, denominator[0], layout, denominator[1], key)
    by_round = {line["round"]: line[key] for line in bottoms if "round" in line}
    ratios = [line[key] / by_round[line["round"]] for line in tops
              if "round" in line and by_round.get(line["round"])]
    if ratios:
        return statistics.median(ratios), len(ratios)
    top = median_of(lines, numerator[0], layout, numerator[1], key)
    bottom = median_of(lines, denominator[0], layout, denominator[1], key)
    return ratio_of(top, bottom), 0


def memory_formats(lines, side, layout, mode):
    return {line.get("memory_format", "contiguous") for line in matching(lines, side, layout, mode, "images_per_second")}


def ordered_layouts(lines):
    seen = []
    for line in lines:
        if line["layout"] != "-" and line["layout"] not in seen:
            seen.append(line["layout"])
    return seen


def parameter_problems(lines):
    """Per layout: the parameter counts, forward MACs and block lists of every side that reports them must
    agree; MtlSharing and PyTorch must report parameters, and so must the hand-written side if it ran."""
    problems = []
    required = [OURS, THEIRS] + ([HAND] if any(line["framework"] == HAND for line in lines) else [])
    for layout in ordered_layouts(lines):
        for key in ("params", "forward_macs_per_image", "blocks"):
            counts = {side: {json.dumps(line[key]) for line in lines
                             if line["framework"] == side and line["layout"] == layout and key in line}
                      for side in SIDES}
            reported = {side: next(iter(values)) for side, values in counts.items() if len(values) == 1}
            if any(len(values) > 1 for values in counts.values()):
                problems.append(f"{layout}: {key} differ between runs of one side: {counts}")
            elif len(set(reported.values())) > 1:
                problems.append(f"{layout}: {key} " + " != ".join(f"{SIDE_NAMES[side]} {value}"
                                                                  for side, value in reported.items()))
            elif key == "params" and any(not counts[side] for side in required):
                problems.append(f"{layout}: no parameter count from "
                                f"{' and '.join(SIDE_NAMES[s] for s in required if not counts[s])}")
    return problems


def verdict(ratio, target, at_least=True):
    if ratio is None or target is None:
        return "n/a" if target is not None else "-"
    return "met" if (ratio >= target if at_least else ratio <= target) else "missed"


def ratio_of(a, b):
    return a / b if a is not None and b else None


def target_rows(lines):
    """The main targets: MtlSharing against the hand-written TorchSharp loop and against PyTorch, loop mode."""
    rows = []
    for layout in ordered_layouts(lines):
        for mode, reference, reference_mode, target, needs_channels_last, label in (
                ("loop", HAND, "loop", HAND_FP32_TARGET, False, "FP32, MtlSharing / TorchSharp by hand"),
                ("bf16-loop", HAND, "bf16-loop", HAND_BF16_TARGET, False, "bf16, MtlSharing / TorchSharp by hand"),
                ("loop", THEIRS, "loop", CHANNELS_LAST_TARGET, True, "FP32, MtlSharing / PyTorch"),
                ("bf16-loop", THEIRS, "bf16-loop", CHANNELS_LAST_TARGET, True, "bf16, MtlSharing / PyTorch bf16")):
            ours = median_of(lines, OURS, layout, mode, "images_per_second")
            other = median_of(lines, reference, layout, reference_mode, "images_per_second")
            if ours is None or other is None:
                continue
            ratio, rounds = paired_ratio(lines, layout, (OURS, mode), (reference, reference_mode))
            formats = memory_formats(lines, OURS, layout, mode)
            if needs_channels_last:
                target_text = f">= {target:.1f} (channels last)"
                result = verdict(ratio, target) if formats == {CHANNELS_LAST} else "not applicable: run was not channels last"
            else:
                target_text = f">= {target:.1f}"
                result = verdict(ratio, target)
            rows.append([layout, label, "/".join(sorted(formats)), fmt(ours, 2), fmt(other, 2), fmt(ratio, 3),
                         rounds or "-", target_text, result])
    return rows


def throughput_rows(lines):
    """ours vs PyTorch, images/s (inference: input images/s through all tasks)."""
    rows = []
    for layout in ordered_layouts(lines):
        for mode, theirs_mode, target, label in (
                ("loop", "loop", FP32_TARGET, "loop, FP32"),
                ("batched", "batched", FP32_TARGET, "batched, FP32"),
                ("bf16-loop", "bf16-loop", BF16_TARGET, "loop, bf16 vs PyTorch bf16"),
                ("bf16-loop", "loop", BF16_VS_FP32_TARGET, "loop, bf16 vs PyTorch FP32"),
                ("bf16-batched", "bf16-batched", BF16_TARGET, "batched, bf16 vs PyTorch bf16"),
                ("bf16-batched", "batched", BF16_VS_FP32_TARGET, "batched, bf16 vs PyTorch FP32"),
                ("inference", "inference", None, "inference, all tasks on one input")):
            ours = median_of(lines, OURS, layout, mode, "images_per_second")
            theirs = median_of(lines, THEIRS, layout, theirs_mode, "images_per_second")
            if ours is None and median_of(lines, THEIRS, layout, mode, "images_per_second") is None:
                continue
            ratio, _ = paired_ratio(lines, layout, (OURS, mode), (THEIRS, theirs_mode))
            rows.append([layout, label, fmt(ours, 2), fmt(theirs, 2), fmt(ratio, 3),
                         f">= {target:.1f}" if target is not None else "-", verdict(ratio, target)])
    return rows


def within_side_rows(lines):
    """batched vs loop on each side; inference all tasks vs one network on each side."""
    rows = []
    for layout in ordered_layouts(lines):
        for side in (OURS, THEIRS):
            batched = median_of(lines, side, layout, "batched", "images_per_second")
            loop = median_of(lines, side, layout, "loop", "images_per_second")
            if batched is not None:
                ratio, _ = paired_ratio(lines, layout, (side, "batched"), (side, "loop"))
                target = BATCHED_TARGET if side == OURS else None
                rows.append([layout, "batched / loop, images/s", SIDE_NAMES[side], fmt(batched, 2), fmt(loop, 2),
                             fmt(ratio, 3), "-", f">= {target:.1f}" if target else "-", verdict(ratio, target)])
            every = median_of(lines, side, layout, "inference", "ms_all_tasks")
            single = median_of(lines, side, layout, "inference", "ms_single_model")
            if every is not None:
                ratio = ratio_of(every, single)
                target = INFERENCE_TARGET if side == OURS and (layout == "shared" or layout.startswith("top:")) else None
                expected = median_of(lines, OURS, layout, "inference", "macs_all_over_single")  # a property of the model
                rows.append([layout, "inference all tasks / one network, ms", SIDE_NAMES[side], fmt(every, 1),
                             fmt(single, 1), fmt(ratio, 3), fmt(expected, 3), f"<= {target:.1f}" if target else "-",
                             verdict(ratio, target, at_least=False)])
    return rows


PEAK_KEYS = ("sgemm_2048_gflops", "conv1x1_gflops", "conv3x3_gflops")


def side_peaks(lines, side):
    return [median_of(lines, side, "-", "peak", key) for key in PEAK_KEYS]


def peak_rows(lines):
    """The FP32 peaks each side measured (median over rounds), and the best of all, which the shares use."""
    rows = []
    for side in (OURS, THEIRS):
        peaks = side_peaks(lines, side)
        if any(p is not None for p in peaks):
            rows.append([SIDE_NAMES[side] + " (median)"] + [fmt(p, 1) for p in peaks])
    if rows:
        rows.append(["machine (best of all)"] + [fmt(p, 1) for p in machine_peaks(lines)])
    return rows


def machine_peaks(lines):
    """Each peak as the best any side measured in any round: the machine's, not one side's."""
    values = [[line[key] for line in lines if line["mode"] == "peak" and key in line] for key in PEAK_KEYS]
    return [max(v) if v else None for v in values]


def efficiency_rows(lines):
    """Training GFLOP/s and its share of the machine's peaks."""
    peaks = machine_peaks(lines)
    rows = []
    for layout in ordered_layouts(lines):
        for mode in ("loop", "batched", "bf16-loop", "bf16-batched"):
            for side in SIDES:
                images = median_of(lines, side, layout, mode, "images_per_second")
                # every side runs the same network (checked), so MtlSharing's count serves the hand-written side too
                macs = median_of(lines, OURS, layout, "params", "forward_macs_per_image")
                if images is None or macs is None:
                    continue
                gflops = images * TRAINING_FLOPS_PER_FORWARD_MAC * macs / 1e9
                rows.append([layout, mode, SIDE_NAMES[side], fmt(gflops, 1)]
                            + [percent(ratio_of(gflops, p)) for p in peaks])
    return rows


def percent(share):
    return "-" if share is None else f"{100 * share:.1f}%"


def fmt(value, digits):
    return "-" if value is None else f"{value:.{digits}f}"


TABLES = (
    ("targets", "Targets: MtlSharing against the hand-written TorchSharp loop and PyTorch, loop mode "
     "(images/s: median over rounds; ratio: median over rounds of the round's ratio)",
     ["layout", "comparison", "memory format (.NET)", "MtlSharing img/s", "reference img/s", "ratio", "rounds",
      "target", "result"], target_rows),
    ("throughput", "Throughput, MtlSharing against PyTorch (images/s: median over rounds; ratio: median of per-round ratios)",
     ["layout", "mode", "ours img/s", "PyTorch img/s", "ratio", "target", "result"], throughput_rows),
    ("within_side", "Within each side",
     ["layout", "check", "side", "value", "reference", "ratio", "ratio by MACs", "target", "result"], within_side_rows),
    ("peaks", "FP32 peaks measured in this run (GFLOP/s)",
     ["side", "SGEMM 2048x2048 (torch.mm, system BLAS)", "1x1 conv [64,2048,8,8] x 2048 (oneDNN)",
      "3x3 conv [128,512,4,4] x 512 (oneDNN)"], peak_rows),
    ("efficiency", "Hardware efficiency, reported without target (training FLOP/s = images/s x 6 x forward MACs per image)",
     ["layout", "mode", "side", "training GFLOP/s", "share of SGEMM peak", "share of 1x1-conv peak",
      "share of 3x3-conv peak"], efficiency_rows),
)


def text_table(header, rows):
    widths = [max(len(str(r[c])) for r in [header] + rows) for c in range(len(header))]
    numeric = [any(str(r[c])[:1].isdigit() for r in rows) for c in range(len(header))]
    lines = ["  ".join(str(cell).rjust(widths[c]) if numeric[c] else str(cell).ljust(widths[c])
                       for c, cell in enumerate(row)).rstrip() for row in [header] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(out)


def settings(lines, stem, size):
    first = next(line for line in lines if line["mode"] != "peak")
    steps = sorted({line["steps"] for line in lines if "steps" in line})
    rounds = max(Counter((l["framework"], l["layout"], l["mode"]) for l in lines if l["mode"] != "params").values(),
                 default=0)
    formats = sorted({line["memory_format"] for line in lines if line["framework"] == OURS and "memory_format" in line
                      and line["mode"] != "params"})
    return (f"{first['tasks']} tasks, batch {first['batch']} per task of 3x{size}x{size}, ResNet-18 with {STEM_TEXT[stem]}, "
            f"{first['threads']} threads, timed steps per run {steps}, rounds {rounds}, "
            f"memory format of the .NET sides {'/'.join(formats) or '-'} (PyTorch: its default)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="JSON lines from both sides")
    parser.add_argument("--out", help="directory for results.md and the CSV files")
    parser.add_argument("--check-params", action="store_true", help="only check that parameter counts match")
    parser.add_argument("--command", default="", help="the command line to record in results.md")
    args = parser.parse_args()
    lines = load(args.results)
    stem, size = the_network(lines, args.results)

    problems = parameter_problems(lines)
    if problems:
        print("THE MODELS DIFFER between the sides (parameter counts, multiply-adds or blocks):",
              file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1
    if args.check_params:
        print(f"  {network_title(stem, size)}")
        for layout in ordered_layouts(lines):
            count = median_of(lines, OURS, layout, "params", "params")
            sides = [SIDE_NAMES[side] for side in SIDES if median_of(lines, side, layout, "params", "params") is not None]
            print(f"  {layout:12} {int(count):>12,} parameters: {', '.join(sides)}")
        return 0

    summary = settings(lines, stem, size)
    print(summary)
    built = [(name, title, header, build(lines)) for name, title, header, build in TABLES]
    for _, title, header, rows in built:
        if rows:
            print(f"\n{title}\n{text_table(header, rows)}")
    if args.out:
        write_files(args.out, args.command, network_title(stem, size), summary, built)
    return 0


def write_files(directory, command, title, summary, built):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "results.md"), "w", encoding="utf-8") as md:
        md.write(f"# MtlSharing against TorchSharp by hand and PyTorch 1.13: {title}\n\n")
        if command:
            md.write(f"Command: `{command}`\n\n")
        md.write(summary + "\n")
        for _, title, header, rows in built:
            if rows:
                md.write(f"\n## {title}\n\n{markdown_table(header, rows)}\n")
    for stem, _, header, rows in built:
        with open(os.path.join(directory, f"{stem}.csv"), "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)


if __name__ == "__main__":
    sys.exit(main())
