using System.Collections.Generic;
using System.Linq;
using static AutoDiffGen.Generator.Tests.Numeric.Cases;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>
/// The C# constructs DESIGN.md §1 promises to differentiate, written the way numeric code is written.
/// Points are chosen so every branch of each case is taken at least once.
/// </summary>
public static class LanguageCases
{
    private static readonly CaseParameter[] XN = { CaseParameter.Active("x"), CaseParameter.Active("y"), CaseParameter.Fixed("n", "N") };

    /// <summary>A switch on an int cannot be exercised with one fixed int, so each of these exists once per value of n.</summary>
    private static IEnumerable<NumericCase> ForEachN(string name, string members, params int[] ns) =>
        ns.Select(n => new NumericCase(
            $"{name}_n{n}",
            $"    public const int N = {n};\n{members}",
            XN,
            Pairs((0.3, 1.2), (-1.1, 0.7), (2.5, -0.4))));

    private static readonly (double, double)[] Mixed = { (0.3, 1.2), (-1.1, 0.7), (2.5, -0.4) };

    public static readonly IReadOnlyList<NumericCase> All = new[]
    {
        Binary("Arithmetic", "x * y + x / y - 3.0 * x + 1.0", Mixed),
        Binary("UnaryMinusAndParentheses", "-(x - y) * (x + 2.0) + +y", Mixed),
        Binary("IntegerLiterals", "x * 2 + y / 3 - 4 * x * y", Mixed),
        Binary("DivisionChain", "1.0 / (x * x + 1.0) / (y * y + 2.0)", Mixed),
        Binary("NestedConditional", "x > 0 ? (y > 0 ? x * y : x - y) : (y > 0 ? y * y * x : x)", (0.3, 1.2), (0.4, -0.7), (-1.1, 0.7), (-2.5, -0.4)),
        Binary("Conditional", "x > y ? x * x * y : Math.Sin(y) * x", Mixed),
        // in and ref readonly parameters are values to the entries; callers pass them with or without in, and so may a local function.
        Full("InParameters", """
                [Differentiable]
                public static double Scaled(in double v, ref readonly double k) => v * Math.Sin(k);

                [Differentiable]
                public static double F(in double x, double y)
                {
                    static double Sq(in double v) => v * v;
                    double k = y * 2;
                    return Scaled(in x, in k) + Scaled(x * y, in y) + Sq(in x) * Sq(y);
                }
            """, new[] { CaseParameter.Active("x"), CaseParameter.Active("y") }, P(0.3, 1.2), P(-1.1, 0.7)),
        Full("BlockBodyWithLocals", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var t = x * y;
                    double u = t + Math.Sin(x);
                    return u * t;
                }
            """, XY, Pairs(Mixed)),
        Full("Reassignment", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var a = x;
                    a = a * y;
                    a = a + x;
                    a = Math.Sin(a) * a;
                    return a * a;
                }
            """, XY, Pairs(Mixed)),
        Full("ParameterReassignment", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    x = x * 2.0 + y;
                    y = x * y;
                    return x * y;
                }
            """, XY, Pairs(Mixed)),
        Full("CompoundAssignment", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var s = x;
                    s += y;
                    s *= x;
                    s -= 2.0 * y;
                    s /= y;
                    return s;
                }
            """, XY, Pairs(Mixed)),
        Full("IncrementDecrement", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var s = x;
                    s++;
                    s *= y;
                    s--;
                    ++s;
                    --s;
                    return s * x;
                }
            """, XY, Pairs(Mixed)),
        Full("IfElse", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    if (x > y)
                    {
                        return x * x * y;
                    }
                    else
                    {
                        return Math.Sin(y) * x;
                    }
                }
            """, XY, Pairs(Mixed)),
        Full("IfWithoutElseAssigning", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var r = x;
                    if (y > 0)
                    {
                        r = r * y;
                        r += x;
                    }

                    return r + y;
                }
            """, XY, Pairs(Mixed)),
        Full("EarlyReturn", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    if (x < 0)
                        return -x * y;
                    var t = x * y;
                    return t * t;
                }
            """, XY, Pairs(Mixed)),
        Full("ElseIfChain", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double r;
                    if (x < -1.0) r = y;
                    else if (x < 1.0) r = x * y;
                    else r = Math.Exp(-x) * y;
                    return r * x;
                }
            """, XY, Pairs(Mixed)),
        Full("FanOut", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var t = Math.Sin(x);
                    return t * t + t * y + t;
                }
            """, XY, Pairs(Mixed)),
        Full("BoolLocal", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    bool big = x > 1.0;
                    bool positive = y > 0;
                    return big && positive ? x * y : (big || positive ? y * y : x);
                }
            """, XY, Pairs((0.3, 1.2), (-1.1, -0.7), (2.5, -0.4), (2.5, 0.4))),
        Full("IntControlFlow", """
                public const int N = 3;

                [Differentiable]
                public static double F(double x, double y, int n)
                {
                    int k = n * 2;
                    double r = x;
                    if (k > 3) r = r * y;
                    k--;
                    if (k % 2 == 1) r = r + y;
                    k += 1;
                    return k == 6 ? r * x : r;
                }
            """, XN, Pairs(Mixed)),
        Full("NoDerivativeParameter", """
                [Differentiable]
                public static double F(double x, [NoDerivative] double c) => x * c + Math.Sin(c * x);
            """, new[] { CaseParameter.Active("x"), CaseParameter.Fixed("c", "0.75") }, P(0.3), P(-1.1), P(2.5)),
        Full("CallToDifferentiableMethod", """
                [Differentiable] public static double Square(double v) => v * v;

                [Differentiable] public static double F(double x, double y) => Square(x) + Square(y) * x;
            """, XY, Pairs(Mixed)),
        Full("NestedCalls", """
                [Differentiable] public static double G(double a) => Math.Sin(a) * a;

                [Differentiable] public static double H(double a, double b) => a * b + b;

                [Differentiable] public static double F(double x, double y) => H(G(x), G(y)) * H(x, 2.0);
            """, XY, Pairs(Mixed)),
        new NumericCase("CallIntoAnotherType", """
                [Differentiable] public static double F(double x, double y) => Geometry_CallIntoAnotherType.Area(x, y) + x;
            """, XY, Pairs(Mixed), OtherTypes: """
            public static partial class Geometry_CallIntoAnotherType
            {
                [Differentiable] public static double Area(double w, double h) => w * h + Math.Cos(w);
            }
            """),
        // Extension-method syntax: x.Squared() is the static call Squared(x).
        new NumericCase("ExtensionMethodCalls", """
                [Differentiable] public static double F(double x, double y) => x.Squared() * y + y.Scaled(x).Squared();
            """, XY, Pairs(Mixed), OtherTypes: """
            public static partial class Extensions_ExtensionMethodCalls
            {
                [Differentiable] public static double Squared(this double v) => v * v;

                [Differentiable] public static double Scaled(this double v, double by) => v * Math.Sin(by);
            }
            """),
        // is patterns: relational, constant, and/or/not, on doubles and ints.
        Full("IsPatterns", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double r = x is > 0.5 and < 2.0 ? x * y : Math.Sin(x);
                    if (y is < -1 or > 1 && x is not 0.0) r += y * y / x;
                    int n = x > 1 ? 3 : 1;
                    return n is 3 ? r * x : r - y;
                }
            """, XY, Pairs(Mixed)),
        Full("RecursionOnInt", """
                public const int N = 5;

                [Differentiable]
                public static double Power(double b, int k) => k == 0 ? 1.0 : b * Power(b, k - 1);

                [Differentiable]
                public static double F(double x, double y, int n) => Power(x, n) * y + Power(y, 2);
            """, XN, Pairs(Mixed)),
        Full("RecursionBlockBody", """
                public const int N = 4;

                // 1 + x + x² + … + xⁿ by Horner's rule, recursively.
                [Differentiable]
                public static double Series(double x, int n)
                {
                    if (n <= 0)
                    {
                        return 1.0;
                    }

                    return 1.0 + x * Series(x, n - 1);
                }

                [Differentiable]
                public static double F(double x, double y, int n) => Series(x * y, n);
            """, XN, Pairs(Mixed)),
        new NumericCase("CustomDerivative", """
                [DerivativeOf(typeof(Special_CustomDerivative), nameof(Special_CustomDerivative.Softplus))]
                public static double SoftplusDerivative(double v, out double dv)
                {
                    dv = 1.0 / (1.0 + Math.Exp(-v));
                    return Special_CustomDerivative.Softplus(v);
                }

                [Differentiable] public static double F(double x, double y) => Special_CustomDerivative.Softplus(x * y) + y;
            """, XY, Pairs(Mixed), OtherTypes: """
            // Stands for a method from another library: not [Differentiable], differentiated through the rule above.
            public static class Special_CustomDerivative
            {
                public static double Softplus(double v) => Math.Log(1.0 + Math.Exp(v));
            }
            """),
        new NumericCase("CustomDerivativeTwoParameters", """
                [DerivativeOf(typeof(Special_CustomDerivativeTwoParameters), nameof(Special_CustomDerivativeTwoParameters.LogSumExp))]
                public static double LogSumExpDerivative(double a, double b, out double da, out double db)
                {
                    double m = Math.Max(a, b);
                    double ea = Math.Exp(a - m), eb = Math.Exp(b - m);
                    da = ea / (ea + eb);
                    db = eb / (ea + eb);
                    return Special_CustomDerivativeTwoParameters.LogSumExp(a, b);
                }

                [Differentiable] public static double F(double x, double y) => Special_CustomDerivativeTwoParameters.LogSumExp(x * x, y) * x;
            """, XY, Pairs(Mixed), OtherTypes: """
            public static class Special_CustomDerivativeTwoParameters
            {
                public static double LogSumExp(double a, double b)
                {
                    double m = Math.Max(a, b);
                    return m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
                }
            }
            """),
        // [Differentiable] instance methods of other objects, reached through fields and properties (read as constants).
        new NumericCase("CallsOnOtherObjects", """
                private readonly Layer_CallsOnOtherObjects _first = new(1.5);
                public Layer_CallsOnOtherObjects Second { get; } = new(-0.5);

                [Differentiable]
                public double F(double x, double y) =>
                    _first.Apply(x, y) * Second.Apply(y, x) + this._first.Apply(Layer_CallsOnOtherObjects.Shared.Apply(x, 1.0), y);
            """, XY, Pairs(Mixed), IsInstance: true, OtherTypes: """
            public sealed partial class Layer_CallsOnOtherObjects
            {
                public static Layer_CallsOnOtherObjects Shared { get; } = new(2.0);

                private readonly double _weight;

                public Layer_CallsOnOtherObjects(double weight) => _weight = weight;

                [Differentiable] public double Apply(double a, double b) => Math.Tanh(_weight * a) + b * b * _weight;
            }
            """),
        new NumericCase("InstanceMethodReadingFields", """
                private readonly double _scale = 1.5;
                public double Offset { get; } = -0.25;

                [Differentiable] public double F(double x, double y) => _scale * x * x + Offset * y * x;
            """, XY, Pairs(Mixed), IsInstance: true),
        Full("StaticConstantsAndFields", """
                private const double K = 2.5;
                private static readonly double S = 0.5;

                [Differentiable] public static double F(double x, double y) => K * x + S * x * y * K;
            """, XY, Pairs(Mixed)),
        new NumericCase("FloatBlockBody", """
                [Differentiable]
                public static float F(float x, float y)
                {
                    var t = x * y;
                    t += MathF.Sin(x);
                    t *= 2f;
                    return t > 0f ? t * y : t - y;
                }

                public static double FReference(double x, double y)
                {
                    var t = x * y;
                    t += Math.Sin(x);
                    t *= 2.0;
                    return t > 0.0 ? t * y : t - y;
                }
            """, XY, Pairs(Mixed), IsFloat: true),
        new NumericCase("FloatCallsFloat", """
                [Differentiable] public static float Cube(float v) => v * v * v;

                [Differentiable] public static float F(float x, float y) => Cube(x) - 3f * Cube(y) * x;

                public static double FReference(double x, double y) => x * x * x - 3.0 * y * y * y * x;
            """, XY, Pairs(Mixed), IsFloat: true),
        Full("Overloads", """
                [Differentiable] public static double F(double x) => x * x;

                [Differentiable] public static double F(double x, double y) => F(x) * y + F(y);
            """, XY, Pairs(Mixed)),
        Full("MutualRecursion", """
                public const int N = 5;

                [Differentiable] public static double A(double v, int k) => k <= 0 ? v : Math.Sin(B(v, k - 1)) + v;

                [Differentiable] public static double B(double v, int k) => k <= 0 ? 1.0 : A(v, k - 1) * v;

                [Differentiable] public static double F(double x, double y, int n) => A(x * y, n);
            """, XN, Pairs(Mixed)),
        Full("NestedBlocksAndConstLocal", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    const double k = 3.0;
                    var a = k * x;
                    {
                        var b = a * y;
                        a = b + a;
                    }

                    return a * Math.Cos(a);
                }
            """, XY, Pairs(Mixed)),
        Full("MixedParameterKinds", """
                [Differentiable]
                public static double F(int n, double x, [NoDerivative] double c, bool flip, double y) =>
                    (flip ? -1.0 : 1.0) * (n * x * c + Math.Exp(y * c));
            """, new[]
            {
                CaseParameter.Fixed("n", "3"), CaseParameter.Active("x"), CaseParameter.Fixed("c", "0.5"),
                CaseParameter.Fixed("flip", "true"), CaseParameter.Active("y"),
            }, Pairs(Mixed)),
        Full("SwitchStatementRelationalOnDouble", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    double r;
                    switch (x)
                    {
                        case < 0.0:
                            r = -x * y;
                            break;
                        case < 1.0:
                            r = x * y * y;
                            break;
                        default:
                            r = Math.Log(x) + y;
                            break;
                    }

                    return r;
                }
            """, XY, Pairs(Mixed)),
        Full("LongChain", """
                [Differentiable]
                public static double F(double x, double y)
                {
                    var t = x;
                    t = Math.Sin(t) + y;
                    t = t * t * 0.5;
                    t = Math.Exp(-t) + x;
                    t = Math.Sqrt(t * t + 1.0);
                    t = Math.Log(t + y * y + 1.0);
                    t = Math.Tanh(t * x);
                    t = t / (1.0 + y * y);
                    t = Math.Atan(t + x * y);
                    return t;
                }
            """, XY, Pairs(Mixed)),
        Binary("GenericMathStatics", "double.Sin(x) * double.Exp(y) + double.Sqrt(x * x + 1.0) + double.Pow(y * y + 1.0, 0.5)", Mixed),
        new NumericCase("FloatClampAndHypot", """
                [Differentiable] public static float F(float x, float y) => float.Hypot(x, y) + Math.Clamp(x, -1f, 1f) * y;

                public static double FReference(double x, double y) => double.Hypot(x, y) + Math.Clamp(x, -1.0, 1.0) * y;
            """, XY, Pairs((0.3, 1.2), (-1.5, 0.7), (2.5, -0.4)), IsFloat: true),
        new NumericCase("FloatCustomDerivative", """
                [DerivativeOf(typeof(Special_FloatCustomDerivative), nameof(Special_FloatCustomDerivative.Softsign))]
                internal static float SoftsignDerivative(float v, out float dv)
                {
                    float d = 1f + MathF.Abs(v);
                    dv = 1f / (d * d);
                    return Special_FloatCustomDerivative.Softsign(v);
                }

                [Differentiable] public static float F(float x, float y) => Special_FloatCustomDerivative.Softsign(x * y) * x;

                public static double FReference(double x, double y) => x * y / (1.0 + Math.Abs(x * y)) * x;
            """, XY, Pairs(Mixed), IsFloat: true, OtherTypes: """
            public static class Special_FloatCustomDerivative
            {
                public static float Softsign(float v) => v / (1f + MathF.Abs(v));
            }
            """),
    }
    .Concat(ForEachN("SwitchStatement", """
                [Differentiable]
                public static double F(double x, double y, int n)
                {
                    double r;
                    switch (n)
                    {
                        case 0:
                            r = x;
                            break;
                        case 1:
                        case 2:
                            r = x * y;
                            break;
                        default:
                            r = Math.Exp(y);
                            break;
                    }

                    return r * x;
                }
            """, 0, 2, 7))
    .Concat(ForEachN("SwitchExpressionOnInt", """
                [Differentiable]
                public static double F(double x, double y, int n) => n switch
                {
                    0 => x,
                    1 => x * y,
                    _ => Math.Exp(y) * x,
                };
            """, 0, 1, 5))
    .Append(Full("SwitchExpressionRelationalOnDouble", """
                [Differentiable]
                public static double F(double x, double y) => x switch
                {
                    < 0.0 => -x * y,
                    < 1.0 => x * x * y,
                    _ => x + y,
                };
            """, XY, Pairs(Mixed)))
    .ToArray();
}
