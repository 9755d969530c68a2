"""Records three optimizer steps of PyTorch 1.13 on a tiny fixed problem, for OptimizerFixtureTests.

Run it with a Python whose torch is 1.13 (on Debian: /usr/bin/python3 record_optim.py). It writes
optim_steps.json next to this script. The C# test reads the problem from that file, rebuilds it with
MtlSharing.Torch, runs the same optimizers and compares every parameter after every step.

Problem (float32):  loss = sum((w @ x - y)^2) + 0.5 * sum(c * (b - d)^2)
"""
import json
import os

import torch

PROBLEM = {
    "w": [[0.5, -1.0], [1.5, 2.0]],
    "b": [0.1, -0.2, 0.3],
    "x": [1.0, -2.0],
    "y": [0.5, 1.0],
    "c": [1.0, 2.0, 3.0],
    "d": [1.0, 0.0, -1.0],
}

STEPS = 3

RUNS = {
    # Two groups: w at the default lr, b with its own lr.
    "sgd": lambda w, b: torch.optim.SGD(
        [{"params": [w]}, {"params": [b], "lr": 0.05}],
        lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    # beta2 = 0.5 makes the second moment shrink when the gradient does, so AMSGrad's maximum matters.
    "adam_amsgrad": lambda w, b: torch.optim.Adam(
        [w, b], lr=0.3, betas=(0.9, 0.5), amsgrad=True, weight_decay=0.01),
    "adamw": lambda w, b: torch.optim.AdamW([w, b], lr=0.05, weight_decay=0.1),
}


def run(make_optimizer):
    w = torch.tensor(PROBLEM["w"], dtype=torch.float32, requires_grad=True)
    b = torch.tensor(PROBLEM["b"], dtype=torch.float32, requires_grad=True)
    x, y, c, d = (torch.tensor(PROBLEM[k], dtype=torch.float32) for k in "xycd")
    optimizer = make_optimizer(w, b)
    steps = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = ((w @ x - y) ** 2).sum() + 0.5 * (c * (b - d) ** 2).sum()
        loss.backward()
        optimizer.step()
        steps.append({
            "w": [float(v) for v in w.detach().flatten()],
            "b": [float(v) for v in b.detach().flatten()],
        })
    return optimizer, steps


def main():
    runs = {}
    for name, make in RUNS.items():
        optimizer, steps = run(make)
        runs[name] = steps
        if name == "adam_amsgrad":
            state = optimizer.state[optimizer.param_groups[0]["params"][1]]
            assert not torch.equal(state["max_exp_avg_sq"], state["exp_avg_sq"]), "AMSGrad's maximum never mattered"
    fixture = {"torch_version": torch.__version__, "problem": PROBLEM, "steps": STEPS, "runs": runs}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim_steps.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
