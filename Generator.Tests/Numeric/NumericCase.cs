using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Numeric;

/// <summary>One parameter of a case's differentiated method <c>F</c>, in declaration order.</summary>
/// <param name="Name">Parameter name in <c>F</c>.</param>
/// <param name="IsDifferentiable">True for double/float parameters that get an adjoint.</param>
/// <param name="FixedValue">For the others (int, bool, [NoDerivative]): the C# expression passed for it (it may name the case class's statics).</param>
public sealed record CaseParameter(string Name, bool IsDifferentiable, string FixedValue)
{
    public static CaseParameter Active(string name) => new(name, true, string.Empty);

    public static CaseParameter Fixed(string name, string value) => new(name, false, value);
}

/// <summary>
/// A function to differentiate, written as C# source: <see cref="Members"/> is the body of
/// <c>partial class Case_&lt;Name&gt;</c> and must declare the [Differentiable] method <c>F</c>.
/// The test calls the generated <c>FValueAndGradient</c> and <c>FForward</c>/<c>FBackward</c> at each
/// point and compares with central finite differences of <c>F</c> — or, for float methods, of a double
/// twin named <c>FReference</c> (finite differences in float32 would be mostly rounding noise).
/// <see cref="CustomDriver"/>, when set, is the body of the driver class (methods Value, Reference, Fused,
/// ForwardBackwardTwice over the point array), for methods whose parameters are spans or arrays.
/// </summary>
public sealed record NumericCase(
    string Name,
    string Members,
    IReadOnlyList<CaseParameter> Parameters,
    IReadOnlyList<double[]> Points,
    bool IsFloat = false,
    bool IsInstance = false,
    string OtherTypes = "",
    string? CustomDriver = null)
{
    public string ClassName => "Case_" + Name;

    public string DriverName => "Driver_" + Name;

    public string FileName => ClassName + ".cs";

    public IEnumerable<CaseParameter> Active => Parameters.Where(p => p.IsDifferentiable);

    public override string ToString() => Name;
}
