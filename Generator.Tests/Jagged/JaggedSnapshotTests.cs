using AutoDiffGen.Generator.Tests.Snapshots;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jagged;

/// <summary>The generated code of a method taking a jagged array (MethodParser.Jagged, LoopEmitter.Jagged).</summary>
public sealed class JaggedSnapshotTests
{
    [Fact]
    public void JaggedParameter() => GeneratedCode.Verify("""
        using System;
        using AutoDiffGen;
        namespace Demo;
        public static partial class Layers
        {
            // Ragged weights: a row per unit, each as long as that unit's inputs. The public entries take and return
            // double[][]; the lowered ones the rows laid end to end and where each starts.
            [Differentiable]
            public static double Score(double[][] w, ReadOnlySpan<double> x, int pinned)
            {
                double e = w[pinned][0];
                for (int i = 0; i < w.Length; i++)
                {
                    double s = 0;
                    for (int j = 0; j < w[i].Length; j++)
                    {
                        s += w[i][j] * x[j];
                    }

                    e += Math.Tanh(s);
                }

                foreach (double[] row in w)
                {
                    e += row[row.Length - 1] * row[0];
                }

                return e;
            }
        }
        """, nameof(JaggedParameter));
}
