"""Seed 144000424 (fourteenth session): F's true slope in 60-digit arithmetic (mpmath), at the point as the report prints it.

F nests a cubic helper four deep (L0 . Lf0 . tanh . Lf0), so its second and third derivatives are large: double-precision
central differences with the harness's step miss the slope in the fourth digit, while smaller steps and the exact slope
agree with the generated gradient (-0.10299877191691993 at the unrounded point)."""
from mpmath import mp, mpf, tanh, diff

mp.dps = 60


def L0(a):
    a = a + ((a / (1 + a * a)) + a)
    v3 = mpf("-0.29") + a
    return (v3 + ((v3 + v3) - a ** 3)) * mpf("-1.59")


def Lf0(t):
    return L0(t) + (t + mpf("1.45"))


def F(x):
    return L0(Lf0(tanh(Lf0(-x))))


x = mpf("-0.857")
print("exact dF/dx:", diff(F, x))
for h in ("1e-3", "1e-4", "1e-5"):
    step = mpf(h)
    print("central differences, h =", h, ":", (F(x + step) - F(x - step)) / (2 * step))
