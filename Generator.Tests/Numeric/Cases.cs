using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>Short constructors for the common case shapes: F(x) and F(x, y) with an expression body.</summary>
internal static class Cases
{
    public static readonly CaseParameter[] X = { CaseParameter.Active("x") };
    public static readonly CaseParameter[] XY = { CaseParameter.Active("x"), CaseParameter.Active("y") };

    public static NumericCase Unary(string name, string body, params double[] xs) =>
        new(name, $"    [Differentiable] public static double F(double x) => {body};", X, xs.Select(x => new[] { x }).ToArray());

    public static NumericCase Binary(string name, string body, params (double X, double Y)[] points) =>
        new(name, $"    [Differentiable] public static double F(double x, double y) => {body};", XY, Pairs(points));

    /// <summary>A case whose members are written out in full (block bodies, helpers, attributes).</summary>
    public static NumericCase Full(string name, string members, IReadOnlyList<CaseParameter> parameters, params double[][] points) =>
        new(name, members, parameters, points);

    public static double[][] Pairs(params (double X, double Y)[] points) => points.Select(p => new[] { p.X, p.Y }).ToArray();

    public static double[] P(params double[] values) => values;

    /// <summary>xunit data: one row per case name (the name keeps test output readable).</summary>
    public static IEnumerable<object[]> Names(IEnumerable<NumericCase> cases) => cases.Select(c => new object[] { c.Name });
}
