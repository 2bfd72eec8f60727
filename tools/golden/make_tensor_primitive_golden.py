#!/usr/bin/python3
"""Golden gradients of the reductions AutoDiffGen differentiates for TensorPrimitives, by PyTorch in float64.

Run:  /usr/bin/python3 tools/golden/make_tensor_primitive_golden.py
Writes Runtime.Tests/golden/tensor_primitives.json, which TensorPrimitiveGradientsTests reads (never Python).

Each case is a reduction of one or two vectors at a point chosen to sit on the conventions PyTorch fixes where the
derivative does not exist (ties of a maximum, a norm or distance of zero, |x| at 0, products with zeros, NaN), or at an
ordinary point. Every vector is written beside its gradient; NaN is written as the string "NaN".
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, "Runtime.Tests", "golden", "tensor_primitives.json")

# TensorPrimitives name -> the PyTorch function of one or two vectors.
REDUCTIONS = {
    "Dot": lambda x, y: torch.dot(x, y),
    "Distance": lambda x, y: torch.dist(x, y),
    "Sum": lambda x: x.sum(),
    "SumOfSquares": lambda x: (x * x).sum(),
    "SumOfMagnitudes": lambda x: x.abs().sum(),
    "Norm": lambda x: torch.linalg.vector_norm(x),
    "Product": lambda x: x.prod(),
    "Max": lambda x: x.max(),
    "Min": lambda x: x.min(),
}

NAN = float("nan")
POINTS = [
    ("Dot", [[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]]),
    ("Distance", [[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]]),
    ("Distance", [[0.5, -1.25, 2.0], [0.5, -1.25, 2.0]]),
    ("Sum", [[0.5, -1.25, 2.0]]),
    ("SumOfSquares", [[0.5, -1.25, 2.0]]),
    ("SumOfMagnitudes", [[0.0, -1.25, 2.0, -0.0]]),
    ("Norm", [[3.0, -4.0]]),
    ("Norm", [[0.0, 0.0, 0.0]]),
    ("Product", [[2.0, -0.5, 3.0]]),
    ("Product", [[2.0, 0.0, 3.0]]),
    ("Product", [[0.0, 1.5, 0.0]]),
    ("Max", [[1.0, 3.0, -2.0, 3.0]]),
    ("Max", [[1.0, 3.0, -2.0, 0.5]]),
    ("Max", [[1.0, NAN, 3.0]]),
    ("Min", [[2.0, -1.0, 5.0, -1.0, -1.0]]),
]


def number(v):
    return v if v == v else "NaN"


def main():
    cases = []
    for name, vectors in POINTS:
        leaves = [torch.tensor(v, requires_grad=True) for v in vectors]
        out = REDUCTIONS[name](*leaves)
        out.backward()
        cases.append({
            "op": name,
            "inputs": [[number(v) for v in vec] for vec in vectors],
            "value": number(out.item()),
            "gradients": [[number(g) for g in leaf.grad.tolist()] for leaf in leaves],
        })
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(OUT, REPO))


if __name__ == "__main__":
    main()
