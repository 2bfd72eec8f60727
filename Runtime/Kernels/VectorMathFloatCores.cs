using System.Runtime.CompilerServices;

namespace AutoDiffGen.Kernels;

/// <summary>
/// float32 exp, tanh, sigmoid and log on one vector, written once for any width <typeparamref name="TVec"/>.
/// Method: range reduction to a small interval, a polynomial there, then exact rescaling by a power of two.
/// The polynomials are truncated Taylor series taken far enough that truncation is below 0.1 ulp, so the
/// error is dominated by the final few roundings (tests bound it against the float64 library functions).
/// </summary>
internal static class VectorMathFloatCores<TVec, S>
    where TVec : struct
    where S : ISimd<TVec, float>
{
    private const float Log2E = 1.44269504088896341f;
    // ln 2 split so that n·Ln2High is exact for the |n| ≤ 2^8 that occur; Ln2Low carries the remainder.
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    // Below MinInput exp underflows to 0 even from the smallest subnormal; above MaxInput it overflows.
    private const float MinInput = -104f;
    private const float MaxInput = 89f;

    /// <summary>e^r − 1 for |r| ≤ ln2/2 (degree-7 Taylor polynomial, no leading 1 so small r keeps full precision).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpM1Reduced(TVec r)
    {
        TVec p = S.Splat(1f / 5040f);
        p = S.Fma(p, r, S.Splat(1f / 720f));
        p = S.Fma(p, r, S.Splat(1f / 120f));
        p = S.Fma(p, r, S.Splat(1f / 24f));
        p = S.Fma(p, r, S.Splat(1f / 6f));
        p = S.Fma(p, r, S.Splat(0.5f));
        p = S.Fma(p, r, S.Splat(1f));
        return S.Mul(p, r);
    }

    /// <summary>Writes x = n·ln2 + r with n integral and |r| ≤ ln2/2; returns r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Reduce(TVec x, out TVec n)
    {
        n = S.Round(S.Mul(x, S.Splat(Log2E)));
        TVec r = S.Fma(n, S.Splat(-Ln2High), x);
        return S.Fma(n, S.Splat(-Ln2Low), r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Exp(TVec x)
    {
        TVec clamped = S.MinNative(S.MaxNative(x, S.Splat(MinInput)), S.Splat(MaxInput));
        TVec p = ExpM1Reduced(Reduce(clamped, out TVec n));
        // 2^n in two factors, so subnormal results (n < −126) and overflow both come out of one final rounding.
        TVec half = S.Floor(S.Mul(n, S.Splat(0.5f)));
        TVec scale1 = S.Pow2(half);
        TVec scale2 = S.Pow2(S.Sub(n, half));
        TVec result = S.Mul(S.Fma(scale1, p, scale1), scale2);
        return S.Select(S.IsNaN(x), x, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh(TVec x)
    {
        // tanh|x| = m / (m + 2) with m = e^{2|x|} − 1: no cancellation near 0, exactly 1 once 2|x| ≥ 40.
        TVec y = S.MinNative(S.Add(S.Abs(x), S.Abs(x)), S.Splat(40f));
        TVec p = ExpM1Reduced(Reduce(y, out TVec n));
        TVec scale = S.Pow2(n);
        TVec m = S.Fma(scale, p, S.Sub(scale, S.Splat(1f)));
        TVec magnitude = S.Div(m, S.Add(m, S.Splat(2f)));
        return S.Select(S.IsNaN(x), x, S.CopySign(magnitude, x));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid(TVec x)
    {
        // With e = e^{−|x|} ≤ 1: σ(x) = 1/(1+e) for x ≥ 0 and e/(1+e) for x < 0, never exp of a large positive.
        TVec e = Exp(S.Sub(S.Splat(0f), S.Abs(x)));
        TVec q = S.Div(S.Splat(1f), S.Add(S.Splat(1f), e));
        return S.Select(S.LessThan(x, S.Splat(0f)), S.Mul(e, q), q);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Log(TVec x)
    {
        // Subnormals are scaled into the normal range first. Only when a lane needs it: the always-on
        // compare-and-select measured several times slower than the rest of the function put together.
        TVec m, e;
        if (S.LessThanAny(x, S.Splat(1.17549435e-38f)))
        {
            TVec subnormal = S.LessThan(x, S.Splat(1.17549435e-38f));
            TVec scaled = S.Select(subnormal, S.Mul(x, S.Splat(8388608f)), x);
            m = S.SplitExponent(scaled, out e);
            e = S.Sub(e, S.Select(subnormal, S.Splat(23f), S.Splat(0f)));
        }
        else
        {
            m = S.SplitExponent(x, out e);
        }

        // log m = 2·atanh(s), s = f/(2+f), f = m − 1 (exact), rewritten as f − s·(f − R) with R = s²(2/3 + 2/5·s² + …).
        TVec f = S.Sub(m, S.Splat(1f));
        TVec s = S.Div(f, S.Add(f, S.Splat(2f)));
        TVec z = S.Mul(s, s);
        TVec r = S.Splat(2f / 11f);
        r = S.Fma(r, z, S.Splat(2f / 9f));
        r = S.Fma(r, z, S.Splat(2f / 7f));
        r = S.Fma(r, z, S.Splat(2f / 5f));
        r = S.Fma(r, z, S.Splat(2f / 3f));
        r = S.Mul(r, z);
        TVec logM = S.Sub(f, S.Mul(s, S.Sub(f, r)));
        TVec result = S.Fma(e, S.Splat(Ln2High), S.Fma(e, S.Splat(Ln2Low), logM));

        result = S.Select(S.EqualTo(x, S.Splat(float.PositiveInfinity)), x, result);
        result = S.Select(S.EqualTo(x, S.Splat(0f)), S.Splat(float.NegativeInfinity), result);
        result = S.Select(S.LessThan(x, S.Splat(0f)), S.Splat(float.NaN), result);
        return S.Select(S.IsNaN(x), x, result);
    }
}
