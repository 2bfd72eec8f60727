#!/usr/bin/python3
"""Golden values for AutoDiffGen's runtime tests, computed by PyTorch 1.13 in float64.

Run:  /usr/bin/python3 tools/golden/make_golden.py
Writes Runtime.Tests/golden/*.json. The C# tests read only the JSON, never Python.

Inputs are NOT drawn from torch's RNG (C# cannot reproduce it): they come from the closed-form
`values` helper below and are written into the JSON beside the results, so every test rebuilds
exactly the same inputs. Floats are written with Python's shortest round-trip repr, so a float64
survives the trip to C# bit for bit.

Tensor encoding in JSON: {"shape": [d0, d1, ...], "data": [row-major values]}; a 0-d tensor has
shape [].
"""
import json
import math
import os
import re

import torch

torch.set_default_dtype(torch.float64)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(REPO, "Runtime.Tests", "golden")


def values(shape, seed, scale=1.0, offset=0.0):
    """Deterministic, irregular values: scale * sin(0.713 * i + seed) + offset, rounded to 4 places."""
    n = 1
    for d in shape:
        n *= d
    flat = [round(scale * math.sin(0.713 * i + seed) + offset, 4) for i in range(n)]
    return torch.tensor(flat, dtype=torch.float64).reshape(shape)


def enc(t):
    t = t.detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def leaf(shape, seed, scale=1.0, offset=0.0):
    return values(shape, seed, scale, offset).requires_grad_(True)


def write(name, payload):
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name + ".json")
    text = json.dumps(payload, indent=1)
    # Keep each list of numbers on one line so the file reads (and diffs) as rows of values.
    text = re.sub(r"\[\s*([-0-9.e+,\s]*?)\s*\]",
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",") if v.strip()) + "]", text)
    with open(path, "w") as f:
        f.write(text + "\n")
    print("wrote", os.path.relpath(path, REPO))


# (a) MLP 4-8-3, cross-entropy over class indices (mean reduction), grads of every weight and bias.
def mlp_case(activation):
    x = values([5, 4], 0.3, 1.5)
    targets = [0, 2, 1, 2, 0]
    w1 = leaf([8, 4], 1.1, 0.5)
    b1 = leaf([8], 2.2, 0.5)
    w2 = leaf([3, 8], 3.3, 0.35)
    b2 = leaf([3], 4.4, 0.35)
    act = torch.tanh if activation == "tanh" else torch.relu
    h = act(x @ w1.T + b1)
    logits = h @ w2.T + b2
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor(targets))
    loss.backward()
    return {
        "activation": activation,
        "x": enc(x), "targets": targets,
        "w1": enc(w1), "b1": enc(b1), "w2": enc(w2), "b2": enc(b2),
        "logits": enc(logits), "loss": loss.item(),
        "grad_w1": enc(w1.grad), "grad_b1": enc(b1.grad),
        "grad_w2": enc(w2.grad), "grad_b2": enc(b2.grad),
    }


# (b) Elementwise ops, each with an explicit upstream gradient, plus one long chain.
def unary_case(op, fn, x):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    g = values(list(y.shape), 7.7, 0.8, 0.1)
    y.backward(g)
    return {"op": op, "x": enc(x), "out": enc(y), "grad_out": enc(g), "grad_x": enc(x.grad)}


def binary_case(op, fn, a, b):
    a = a.clone().requires_grad_(True)
    b = b.clone().requires_grad_(True)
    y = fn(a, b)
    g = values(list(y.shape), 8.8, 0.8, 0.1)
    y.backward(g)
    return {"op": op, "a": enc(a), "b": enc(b), "out": enc(y), "grad_out": enc(g),
            "grad_a": enc(a.grad), "grad_b": enc(b.grad)}


def elementwise():
    mixed = values([2, 3], 0.5, 2.0)            # both signs, no exact zeros
    positive = values([2, 3], 0.5, 1.0, 1.5)    # in [0.5, 2.5]: safe for log/sqrt/pow
    unary = [
        unary_case("exp", torch.exp, mixed),
        unary_case("log", torch.log, positive),
        unary_case("sqrt", torch.sqrt, positive),
        unary_case("sin", torch.sin, mixed),
        unary_case("cos", torch.cos, mixed),
        unary_case("tanh", torch.tanh, mixed),
        unary_case("sigmoid", torch.sigmoid, mixed),
        unary_case("relu", torch.relu, mixed),
        unary_case("abs", torch.abs, mixed),
        unary_case("neg", torch.neg, mixed),
        unary_case("pow2.5", lambda t: t.pow(2.5), positive),
        unary_case("pow3", lambda t: t.pow(3.0), mixed),
        unary_case("pow-1.5", lambda t: t.pow(-1.5), positive),
    ]
    binary = [
        binary_case("add", torch.add, mixed, positive),
        binary_case("sub", torch.sub, mixed, positive),
        binary_case("mul", torch.mul, mixed, positive),
        binary_case("div", torch.div, mixed, positive),
        binary_case("pow", torch.pow, positive, mixed),
    ]
    # chain: y = sum(sqrt(exp(sin(x)) + |cos(x)|) * sigmoid(tanh(x)) / log(2 + relu(x)^2) ) via pow too
    x = values([2, 3], 0.5, 2.0).requires_grad_(True)
    y = ((torch.exp(torch.sin(x)) + torch.abs(torch.cos(x))).sqrt()
         * torch.sigmoid(torch.tanh(x))
         / torch.log(torch.relu(x).pow(2.0) + 2.0)).sum()
    y.backward()
    chain = {
        "formula": "sum(sqrt(exp(sin(x)) + abs(cos(x))) * sigmoid(tanh(x)) / log(relu(x)^2 + 2))",
        "x": enc(x), "out": y.item(), "grad_x": enc(x.grad),
    }
    return {"unary": unary, "binary": binary, "chain": chain}


# (c) Broadcasting: shapes that differ, summed back to each input's shape in backward.
def scalar_case(op, fn, x, s):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    g = values(list(y.shape), 9.9, 0.8, 0.1)
    y.backward(g)
    return {"op": op, "scalar": s, "x": enc(x), "out": enc(y), "grad_out": enc(g), "grad_x": enc(x.grad)}


def broadcasting():
    col = values([3, 1], 1.0, 1.0, 1.5)
    row = values([1, 4], 2.0, 1.0, 1.5)
    mat = values([2, 3], 3.0, 1.0, 1.5)
    vec = values([3], 4.0, 1.0, 1.5)
    batch = values([2, 1, 3], 5.0, 1.0, 1.5)
    tensor_cases = [
        binary_case("add", torch.add, col, row),
        binary_case("sub", torch.sub, col, row),
        binary_case("mul", torch.mul, mat, vec),
        binary_case("div", torch.div, mat, vec),
        binary_case("mul", torch.mul, batch, col),      # [2,1,3] * [3,1] -> [2,3,3]
        binary_case("add", torch.add, values([], 6.0, 1.0, 1.5), mat),   # 0-d tensor + [2,3]
    ]
    x = values([2, 3], 6.5, 1.0, 1.5)
    scalar_cases = [
        scalar_case("tensor+scalar", lambda t: t + 2.5, x, 2.5),
        scalar_case("scalar-tensor", lambda t: 2.5 - t, x, 2.5),
        scalar_case("tensor*scalar", lambda t: t * 2.5, x, 2.5),
        scalar_case("scalar/tensor", lambda t: 2.5 / t, x, 2.5),
        scalar_case("tensor/scalar", lambda t: t / 2.5, x, 2.5),
    ]
    return {"tensor": tensor_cases, "scalar": scalar_cases}


# (d) Softmax/log_softmax, and mean/max/sum over dims with and without keepdim.
def reductions():
    x0 = values([2, 3, 4], 0.9, 2.0)
    cases = []
    specs = [
        ("softmax", 1, False, lambda t: torch.softmax(t, 1)),
        ("softmax", -1, False, lambda t: torch.softmax(t, -1)),
        ("log_softmax", 2, False, lambda t: torch.log_softmax(t, 2)),
        ("log_softmax", 0, False, lambda t: torch.log_softmax(t, 0)),
        ("sum", 1, False, lambda t: t.sum(1)),
        ("sum", 1, True, lambda t: t.sum(1, keepdim=True)),
        ("mean", 2, False, lambda t: t.mean(2)),
        ("mean", 0, True, lambda t: t.mean(0, keepdim=True)),
        ("max", 1, False, lambda t: t.max(1)[0]),
        ("max", 2, True, lambda t: t.max(2, keepdim=True)[0]),
    ]
    for op, dim, keep, fn in specs:
        x = x0.clone().requires_grad_(True)
        y = fn(x)
        g = values(list(y.shape), 5.5, 0.8, 0.1)
        y.backward(g)
        case = {"op": op, "dim": dim, "keepdim": keep, "x": enc(x), "out": enc(y),
                "grad_out": enc(g), "grad_x": enc(x.grad)}
        if op == "max":
            idx = (x0.max(dim, keepdim=keep)[1]).to(torch.float64)
            case["indices"] = enc(idx)
        cases.append(case)
    multi = x0.clone().requires_grad_(True)
    ys = multi.sum([0, 2], keepdim=True)
    g = values(list(ys.shape), 5.6, 0.8, 0.1)
    ys.backward(g)
    cases.append({"op": "sum_dims", "dims": [0, 2], "keepdim": True, "x": enc(multi), "out": enc(ys),
                  "grad_out": enc(g), "grad_x": enc(multi.grad)})
    whole = []
    for op, fn in [("sum_all", lambda t: t.sum()), ("mean_all", lambda t: t.mean()), ("max_all", lambda t: t.max())]:
        x = x0.clone().requires_grad_(True)
        y = fn(x)
        y.backward()
        whole.append({"op": op, "x": enc(x), "out": y.item(), "grad_x": enc(x.grad)})
    return {"dim": cases, "all": whole}


# (e) Matmul: 2-D, batched 3-D, matrix-vector, vector-vector.
def matmul():
    pairs = [
        ("2d", [3, 4], [4, 5]),
        ("batched", [2, 3, 4], [2, 4, 2]),
        ("matvec", [3, 4], [4]),
        ("dot", [4], [4]),
    ]
    cases = []
    for name, sa, sb in pairs:
        case = binary_case("matmul", torch.matmul, values(sa, 1.5, 1.0), values(sb, 2.5, 1.0))
        case["name"] = name
        cases.append(case)
    return {"cases": cases}


# (f) Optimizers on a small least-squares problem: loss = mean((X @ w + b - y)^2).
def optim_problem():
    X = values([6, 3], 0.2, 1.0)
    y = values([6], 1.3, 1.0)
    w = values([3], 2.4, 0.5)
    b = values([1], 3.5, 0.5)
    return X, y, w, b


def run_optimizer(make, steps):
    X, y, w0, b0 = optim_problem()
    w = w0.clone().requires_grad_(True)
    b = b0.clone().requires_grad_(True)
    opt = make([w, b])
    history = []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = ((X @ w + b - y) ** 2).mean()
        loss.backward()
        opt.step()
        history.append({"loss": loss.item(), "w": enc(w), "b": enc(b)})
    return history


def optim():
    X, y, w, b = optim_problem()
    configs = [
        ("sgd_momentum_wd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.01, "nesterov": False},
         lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01), 3),
        ("sgd_nesterov", {"lr": 0.05, "momentum": 0.8, "dampening": 0.0, "weight_decay": 0.0, "nesterov": True},
         lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True), 3),
        ("sgd_dampening", {"lr": 0.05, "momentum": 0.7, "dampening": 0.3, "weight_decay": 0.02, "nesterov": False},
         lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.7, dampening=0.3, weight_decay=0.02), 3),
        ("sgd_plain", {"lr": 0.2, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False},
         lambda p: torch.optim.SGD(p, lr=0.2), 2),
    ]
    sgd = [{"name": n, "config": c, "steps": run_optimizer(m, s)} for n, c, m, s in configs]
    adam_configs = [
        ("adam_default_betas", {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
         lambda p: torch.optim.Adam(p, lr=0.01), 2),
        ("adam_wd", {"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1},
         lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1), 3),
    ]
    adam = [{"name": n, "config": c, "steps": run_optimizer(m, s)} for n, c, m, s in adam_configs]
    return {"problem": {"formula": "mean((X @ w + b - y)^2)", "X": enc(X), "y": enc(y), "w": enc(w), "b": enc(b)},
            "sgd": sgd, "adam": adam}


# (g) Second derivatives through create_graph, and a Hessian-vector product.
def higher_order():
    # scalar function of a vector: f(x) = sum(x^3 * sin(x)); grad, then grad of (grad . v) = H v
    x = values([4], 0.4, 1.5).requires_grad_(True)
    v = values([4], 1.7, 1.0)
    f = (x.pow(3.0) * torch.sin(x)).sum()
    (g,) = torch.autograd.grad(f, x, create_graph=True)
    (hv,) = torch.autograd.grad(g, x, grad_outputs=v)
    # d2/dx2 elementwise: second derivative of sum(tanh(x) * x^2) via grad of grad.sum()
    x2 = values([5], 0.8, 1.2).requires_grad_(True)
    f2 = (torch.tanh(x2) * x2.pow(2.0)).sum()
    (g2,) = torch.autograd.grad(f2, x2, create_graph=True)
    (d2,) = torch.autograd.grad(g2.sum(), x2)
    # Hessian-vector product of a small network loss w.r.t. its weight matrix
    W = values([3, 4], 2.1, 0.6).requires_grad_(True)
    inp = values([4, 2], 3.1, 1.0)
    V = values([3, 4], 4.1, 1.0)
    f3 = torch.sigmoid(W @ inp).pow(2.0).mean()
    (gW,) = torch.autograd.grad(f3, W, create_graph=True)
    (hvW,) = torch.autograd.grad((gW * V).sum(), W)
    return {
        "hvp_vector": {"formula": "sum(x^3 * sin(x))", "x": enc(x), "v": enc(v), "f": f.item(),
                       "grad": enc(g), "hvp": enc(hv)},
        "second_derivative": {"formula": "sum(tanh(x) * x^2)", "x": enc(x2), "f": f2.item(),
                              "grad": enc(g2), "second": enc(d2)},
        "hvp_matrix": {"formula": "mean(sigmoid(W @ inp)^2)", "W": enc(W), "inp": enc(inp), "V": enc(V),
                       "f": f3.item(), "grad": enc(gW), "hvp": enc(hvW)},
    }


# (h) Losses on their own: MSE (mean) and cross-entropy over class indices (mean), grads of the inputs.
def losses():
    logits = values([4, 5], 1.9, 2.0).requires_grad_(True)
    targets = [3, 0, 4, 1]
    ce = torch.nn.functional.cross_entropy(logits, torch.tensor(targets))
    ce.backward()
    pred = values([3, 4], 2.9, 1.0).requires_grad_(True)
    target = values([3, 4], 3.9, 1.0)
    mse = torch.nn.functional.mse_loss(pred, target)
    mse.backward()
    return {
        "cross_entropy": {"logits": enc(logits), "targets": targets, "loss": ce.item(), "grad_logits": enc(logits.grad)},
        "mse": {"input": enc(pred), "target": enc(target), "loss": mse.item(), "grad_input": enc(pred.grad)},
    }


# (i) Shape ops (views and copies): value and gradient under an explicit upstream gradient.
def shape_ops():
    x0 = values([2, 3, 4], 4.7, 1.0)
    specs = [
        ("transpose_0_2", lambda t: t.transpose(0, 2)),
        ("reshape_4_6", lambda t: t.reshape(4, 6)),
        ("view_minus1_2", lambda t: t.view(-1, 2)),
        ("unsqueeze_1", lambda t: t.unsqueeze(1)),
        ("select_1_2", lambda t: t.select(1, 2)),
        ("select_2_-1", lambda t: t.select(2, -1)),
        ("slice_2_1_4_2", lambda t: t[:, :, 1:4:2]),
        ("slice_1_0_2_1", lambda t: t[:, 0:2]),
        ("transpose_then_reshape", lambda t: t.transpose(1, 2).reshape(2, 12)),
    ]
    cases = [unary_case(name, fn, x0) for name, fn in specs]
    a = values([2, 3], 5.1, 1.0).requires_grad_(True)
    b = values([2, 1], 5.2, 1.0).requires_grad_(True)
    c = values([2, 2], 5.3, 1.0).requires_grad_(True)
    cat = torch.cat([a, b, c], dim=1)
    g = values(list(cat.shape), 5.4, 0.8, 0.1)
    cat.backward(g)
    return {"unary": cases, "cat": {"dim": 1, "inputs": [enc(a), enc(b), enc(c)], "out": enc(cat), "grad_out": enc(g),
                                    "grads": [enc(a.grad), enc(b.grad), enc(c.grad)]}}


def main():
    print("torch", torch.__version__)
    write("mlp", {"torch": torch.__version__, "cases": [mlp_case("tanh"), mlp_case("relu")]})
    write("elementwise", {"torch": torch.__version__, **elementwise()})
    write("broadcasting", {"torch": torch.__version__, **broadcasting()})
    write("reductions", {"torch": torch.__version__, **reductions()})
    write("matmul", {"torch": torch.__version__, **matmul()})
    write("optim", {"torch": torch.__version__, **optim()})
    write("higher_order", {"torch": torch.__version__, **higher_order()})
    write("losses", {"torch": torch.__version__, **losses()})
    write("shape_ops", {"torch": torch.__version__, **shape_ops()})


if __name__ == "__main__":
    main()
