# PyTorch's answers for how NaN and infinity propagate through ops and their gradients.
# Run with the system Python that has torch (/usr/bin/python3); the numbers are copied into
# Runtime.Tests/Stress/IeeePropagationTests.cs. Each case: op name, input, value, gradient.
import math
import torch

def case(name, fn, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = fn(t)
    y.sum().backward()
    print(f"{name:10s} x={x!r:>6} value={y.tolist()!r} grad={t.grad.tolist()!r}")

nan, inf = math.nan, math.inf
case("mul_self", lambda t: t * t, inf)
case("mul_zero", lambda t: t * 0.0, inf)
case("div_zero", lambda t: t / 0.0, 1.0)
case("sqrt", torch.sqrt, 0.0)
case("sqrt_neg", torch.sqrt, -1.0)
case("log", torch.log, 0.0)
case("log_neg", torch.log, -1.0)
case("exp", torch.exp, inf)
case("exp_ninf", torch.exp, -inf)
case("tanh", torch.tanh, inf)
case("sigmoid", torch.sigmoid, -inf)
case("relu", torch.relu, nan)
case("abs", torch.abs, nan)
case("sin", torch.sin, inf)
case("sin_nan", torch.sin, nan)
case("pow2", lambda t: t.pow(2.0), nan)
case("sum", lambda t: torch.stack([t, torch.tensor(1.0, dtype=torch.float64)]).sum(), nan)
case("max", lambda t: torch.stack([t, torch.tensor(1.0, dtype=torch.float64)]).max(), nan)
case("mean", lambda t: torch.stack([t, torch.tensor(1.0, dtype=torch.float64)]).mean(), inf)
