using System;
using System.Runtime.Intrinsics;
using AutoDiffGen.Kernels;
using Xunit;

namespace AutoDiffGen.Runtime.Tests.Kernels;

/// <summary>
/// Each micro-kernel on its own, against the packed-panel contract: C[r, j] (+)= Σ_p A[p·Rows + r]·B[p·Nr + j],
/// with C's rows <c>ldc</c> apart. The whole-GEMM tests only reach the kernel this machine selects; these
/// also cover the Vector256 and scalar kernels that other machines run.
/// </summary>
public class GemmMicroKernelTests
{
    [Fact]
    public void Vector512KernelsFollowThePanelContract()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return; // The JIT would emulate Vector512 in software; this kernel is never selected then.
        }
        Check<float>(GemmKernelKind.Vector512);
        Check<double>(GemmKernelKind.Vector512);
    }

    [Fact]
    public void Vector256KernelsFollowThePanelContract()
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return; // As above, for 256-bit vectors.
        }
        Check<float>(GemmKernelKind.Vector256);
        Check<double>(GemmKernelKind.Vector256);
    }

    [Fact]
    public void ScalarKernelsFollowThePanelContract()
    {
        Check<float>(GemmKernelKind.Scalar);
        Check<double>(GemmKernelKind.Scalar);
    }

    [Fact]
    public void Vector512KernelForEachLiveRowCountComputesOnlyThoseRows()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return; // The driver selects the per-row-count kernels only with Vector512 hardware.
        }
        for (int liveRows = 1; liveRows <= GemmMicroKernel512<float>.Rows; liveRows++)
        {
            CheckLiveRows<float>(liveRows);
            CheckLiveRows<double>(liveRows);
        }
    }

    [Fact]
    public void LiveRowCountOutsideTheTileIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            GemmMicroKernel.RunVector512LiveRows<float>(13, new float[12], new float[32], 1, new float[13 * 32], 32, overwrite: true));
        Assert.Contains("liveRows=13", error.Message);
    }

    [Fact]
    public void ShortPanelsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            GemmMicroKernel.Run<float>(GemmKernelKind.Scalar, new float[3], new float[4], 1, new float[16], 4, overwrite: true));
        Assert.Contains("kc=1, a=3", error.Message);
    }

    private static void Check<T>(GemmKernelKind kind)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        int rows = GemmMicroKernel.Rows<T>(kind), columns = GemmMicroKernel.Columns<T>(kind);
        foreach (int kc in new[] { 1, 7, 64 })
        {
            foreach (bool overwrite in new[] { true, false })
            {
                var rng = new Random(kc * 2 + (overwrite ? 1 : 0));
                int ldc = columns + 5;                          // C rows further apart than the tile is wide
                T[] a = Random<T>(rows * kc, rng), b = Random<T>(columns * kc, rng), c = Random<T>(rows * ldc, rng);
                T[] before = (T[])c.Clone();
                GemmMicroKernel.Run<T>(kind, a, b, kc, c, ldc, overwrite);
                AssertTile(a, b, before, c, rows, rows, columns, kc, ldc, overwrite, $"{typeof(T).Name} {kind} kernel {rows}x{columns}");
            }
        }
    }

    /// <summary>
    /// The per-row-count Vector512 kernel writes the live rows exactly as the panel contract says, and leaves every row
    /// past them (which in a real C belongs to the next matrix row, or lies beyond the buffer) untouched.
    /// </summary>
    private static void CheckLiveRows<T>(int liveRows)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        int rows = GemmMicroKernel512<T>.Rows, columns = GemmMicroKernel.Columns<T>(GemmKernelKind.Vector512);
        foreach (int kc in new[] { 1, 9 })
        {
            foreach (bool overwrite in new[] { true, false })
            {
                var rng = new Random(liveRows * 4 + kc + (overwrite ? 1 : 0));
                int ldc = columns + 3;
                T[] a = Random<T>(rows * kc, rng), b = Random<T>(columns * kc, rng), c = Random<T>(rows * ldc, rng);
                T[] before = (T[])c.Clone();
                GemmMicroKernel.RunVector512LiveRows<T>(liveRows, a, b, kc, c, ldc, overwrite);
                AssertTile(a, b, before, c, rows, liveRows, columns, kc, ldc, overwrite, $"{typeof(T).Name} {liveRows}-row kernel");
            }
        }
    }

    /// <summary>
    /// C after a micro-kernel call: the first <paramref name="liveRows"/> rows of the tile hold (overwrite ? 0 : C before)
    /// + A·B within the rounding bound of a kc-term sum; every element outside them (columns past the tile, rows past the
    /// live ones) is exactly what it was.
    /// </summary>
    private static void AssertTile<T>(T[] a, T[] b, T[] before, T[] c, int rows, int liveRows, int columns, int kc, int ldc, bool overwrite, string kernel)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < ldc; j++)
            {
                double actual = double.CreateChecked(c[r * ldc + j]);
                if (r >= liveRows || j >= columns)
                {
                    Assert.True(double.CreateChecked(before[r * ldc + j]) == actual, $"{kernel} wrote C[{r},{j}] outside its tile");
                    continue;
                }

                double expected = overwrite ? 0 : double.CreateChecked(before[r * ldc + j]);
                double magnitude = Math.Abs(expected);
                for (int p = 0; p < kc; p++)
                {
                    double term = double.CreateChecked(a[p * rows + r]) * double.CreateChecked(b[p * columns + j]);
                    expected += term;
                    magnitude += Math.Abs(term);
                }

                double bound = (kc + 2) * Unit<T>() * magnitude + 1e-300;
                Assert.True(Math.Abs(actual - expected) <= bound,
                    $"{kernel}, kc={kc}, overwrite={overwrite}: C[{r},{j}] = {actual}, expected {expected}");
            }
        }
    }

    /// <summary>Unit roundoff of T (doubled for float64, whose reference sum rounds at the same precision).</summary>
    private static double Unit<T>() => typeof(T) == typeof(float) ? Math.Pow(2, -24) : 2 * Math.Pow(2, -53);

    private static T[] Random<T>(int count, Random rng)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        }
        return values;
    }
}
