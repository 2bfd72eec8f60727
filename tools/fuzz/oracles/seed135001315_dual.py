"""Fuzz seed 135001315 (FoundBugs.md): the derivative of F in p[0] by forward-mode dual numbers in doubles, in the
program's own order of operations.

Run: python3 tools/fuzz/oracles/seed135001315_dual.py. It prints F and -5.460624557454e-05, the generated gradient to every
digit: double-precision AD of this program cancels in the derivative's sums, where 200-digit arithmetic (seed135001315_exact.py)
gives -3.5616e-6.
"""
import math
class D:
    def __init__(s, v, d=0.0): s.v=float(v); s.d=float(d)
    def __add__(s,o): o=o if isinstance(o,D) else D(o); return D(s.v+o.v, s.d+o.d)
    __radd__=__add__
    def __sub__(s,o): o=o if isinstance(o,D) else D(o); return D(s.v-o.v, s.d-o.d)
    def __rsub__(s,o): return D(o)-s
    def __mul__(s,o): o=o if isinstance(o,D) else D(o); return D(s.v*o.v, s.d*o.v+s.v*o.d)
    __rmul__=__mul__
    def __neg__(s): return D(-s.v,-s.d)
    def __pow__(s,o): # s**o both D
        v=s.v**o.v; return D(v, v*(o.d*math.log(s.v)+o.v*s.d/s.v))
    def __lt__(s,o): return s.v < (o.v if isinstance(o,D) else o)
    def __ge__(s,o): return s.v >= (o.v if isinstance(o,D) else o)
def sqrt(a): r=math.sqrt(a.v); return D(r, a.d/(2*r))
def log(a): return D(math.log(a.v), a.d/a.v)
def sin(a): return D(math.sin(a.v), math.cos(a.v)*a.d)
def exp(a): e=math.exp(a.v); return D(e, e*a.d)
def fabs(a): return a if a.v>0 else -a
def dmax(a,b): return a if a.v>b.v else b
def L0(d,i1,a,y):
    v3=sqrt(1+y*y); i4=-1
    while i4<2:
        i4+=1; v3 = v3*((v3+(-0.24))*a)
    return v3+dmax(log(1+y*y), D(0.52))
def L1(p,x):
    x=D(-0.41); return L0(1.25,2,p[0],p[2])
def F(x,p,q,y):
    for i0 in range(2): y = y + L0(-0.7,i0,fabs(y),p[(i0+1)%3]+y)
    fill2=[sin(v) for v in p]; o2=y-(y+(-1.26)); g2=D(0)
    g2=g2+(fill2[2]+fill2[0]*y); g2=g2-(fill2[0]+fill2[1]*(y-x)); y=y+g2
    for i4 in range(3):
        g5=D(0); fill5=[D(0)]*3
        for j5 in range(1,2):
            for c5 in range(3): fill5[c5]=q[c5]*p[c5]
            fill5[0]=fill5[0]+(-x)
            for r in range(3): g5=g5+((fill5[r]*fill5[(r+1)%3])*exp(sin(y)))
            g5=g5-(fill5[0]+(fill5[1]*(x*y)))
        x=x-g5; o2=-p[i4]
    w6=-1
    while w6<1 and L1(q,L1(q,-o2))>=0.16:
        w6+=1; x=x+(x-x)
    t=fabs(log(1+x*x)); return (1+t*t)**sin(L1(q,p[0]))
pt=[-0.378,-0.665,-0.174,1.469,-0.697,1.082,1.297,1.318]
x=D(pt[0]); p=[D(pt[1],1.0),D(pt[2]),D(pt[3])]; q=[D(v) for v in pt[4:7]]; y=D(pt[7])
r=F(x,p,q,y); print(r.v, r.d)
