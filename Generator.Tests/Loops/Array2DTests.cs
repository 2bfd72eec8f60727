using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every 2-D array case once for the class.</summary>
public sealed class Array2DCasesFixture : CompiledCases
{
    public Array2DCasesFixture() : base(Array2DCases.All) { }
}

public sealed class Array2DTests : IClassFixture<Array2DCasesFixture>
{
    private readonly Array2DCasesFixture _compiled;

    public Array2DTests(Array2DCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(Array2DCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, Array2DCases.All.Single(c => c.Name == name));

    /// <summary>
    /// The check above can fail only where the gradient moves: at some point of every case, each argument (every 2-D array
    /// among them) has a nonzero partial, so entries that dropped an array's adjoint, or left it at the garbage the driver
    /// fills it with, would disagree with finite differences.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_argument_has_a_nonzero_partial_somewhere(string name)
    {
        NumericCase c = Array2DCases.All.Single(x => x.Name == name);
        CompiledAssembly assembly = _compiled.AssemblyFor(c);
        double[][] gradients = c.Points.Select(p => (double[])assembly.InvokeStatic("NumericCases." + c.DriverName, "Fused", p)!).ToArray();
        var names = c.Active.Select(p => p.Name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')).ToArray();
        foreach (string argument in names.Distinct())
        {
            bool moves = gradients.Any(g => Enumerable.Range(0, names.Length).Any(i => names[i] == argument && g[1 + i] != 0));
            Assert.True(moves, $"case '{name}': every partial with respect to '{argument}' is zero at every point, so a lost gradient would go unnoticed.");
        }
    }
}

/// <summary>Compiles every random 2-D program once for the class.</summary>
public sealed class Array2DRandomProgramsFixture : CompiledCases
{
    public Array2DRandomProgramsFixture() : base(Array2DRandomPrograms.All) { }
}

/// <summary>The random 2-D programs (<see cref="Array2DRandomPrograms"/>) against finite differences, fused and Forward + Backward.</summary>
public sealed class Array2DRandomProgramTests : IClassFixture<Array2DRandomProgramsFixture>
{
    private readonly Array2DRandomProgramsFixture _compiled;

    public Array2DRandomProgramTests(Array2DRandomProgramsFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(Array2DRandomPrograms.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, Array2DRandomPrograms.All.Single(c => c.Name == name));
}
