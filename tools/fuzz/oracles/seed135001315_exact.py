"""Fuzz seed 135001315 (FoundBugs.md): F of the shrunk program in 200-digit arithmetic, and its central differences in p[0].

Run: python3 tools/fuzz/oracles/seed135001315_exact.py (needs mpmath). The differences, -3.5616e-6 at every step, are F's true
slope; the generated gradient and the dynamic graph give -5.46e-5 (see seed135001315_dual.py).
"""
from mpmath import mp, mpf, sqrt, log, sin, exp, fabs
mp.dps = 200
def L0(d, i1, a, y):
    v3 = sqrt(1 + y*y)
    i4 = -1
    while i4 < 2:
        i4 += 1
        v3 *= ((v3 + mpf('-0.24')) * a)
    return v3 + max(log(1 + y*y), mpf('0.52'))
def L1(p, x):
    x = mpf('-0.41')
    v3 = log(1 + p[0]*p[0]); v4 = x
    v3 *= v4
    return L0(mpf('1.25'), 2, p[0], p[2])
def F(x, p, q, y, trace=False):
    p = list(p); q = list(q)
    for i0 in range(2):
        y += L0(mpf('-0.7'), i0, fabs(y), p[(i0+1)%3] + y)
    view1 = p[0:3]
    g2 = mpf(0); fill2 = [sin(v) for v in p]
    o2 = y - (y + mpf('-1.26'))
    g2 += fill2[2] + fill2[0]*y
    g2 -= fill2[0] + fill2[1]*(y - x)
    y += g2
    for i3 in range(1):
        for i4 in range(3):
            g5 = mpf(0); fill5 = [mpf(0)]*3
            o5 = fabs(max(o2, y))
            for j5 in range(1, len(q)-1):
                for c5 in range(3): fill5[c5] = q[c5]*p[c5]
                fill5[0] += -x
                for r in range(3):
                    g5 += fill5[r]*fill5[(r+1)%3]*exp(sin(y))
                g5 -= fill5[0] + fill5[1]*(x*y)
            x -= g5
            o2 = -p[i4]
        w6 = -1
        while w6 < 1 and L1(q, L1(q, -o2)) >= mpf('0.16'):
            w6 += 1
            x += x - x
    if trace: print('x', mp.nstr(x, 10), 'y', mp.nstr(y, 10))
    return (1 + fabs(log(1+x*x))*fabs(log(1+x*x)))**sin(L1(q, p[0]))
pt = [mpf(s) for s in ['-0.378','-0.665','-0.174','1.469','-0.697','1.082','1.297','1.318']]
x, p, q, y = pt[0], pt[1:4], pt[4:7], pt[7]
F(x, p, q, y, trace=True)
for h in [mpf('1e-6'), mpf('1e-10'), mpf('1e-20')]:
    pp = list(p); pm = list(p); pp[0] += h; pm[0] -= h
    print('h', h, mp.nstr((F(x, pp, q, y) - F(x, pm, q, y)) / (2*h), 15))
