using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jagged;

/// <summary>Compiles every jagged array case once for the class.</summary>
public sealed class JaggedCasesFixture : CompiledCases
{
    public JaggedCasesFixture() : base(JaggedCases.All) { }
}

public sealed class JaggedTests : IClassFixture<JaggedCasesFixture>
{
    private readonly JaggedCasesFixture _compiled;

    public JaggedTests(JaggedCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(JaggedCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, JaggedCases.All.Single(c => c.Name == name));

    /// <summary>
    /// The check above can fail only where the gradient moves: at some point of every case, each argument (every row of
    /// every jagged array among them) has a nonzero partial, so entries that dropped a row's gradient, or left it at the
    /// garbage the driver fills it with, would disagree with finite differences.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_argument_has_a_nonzero_partial_somewhere(string name)
    {
        NumericCase c = JaggedCases.All.Single(x => x.Name == name);
        CompiledAssembly assembly = _compiled.AssemblyFor(c);
        double[][] gradients = c.Points.Select(p => (double[])assembly.InvokeStatic("NumericCases." + c.DriverName, "Fused", p)!).ToArray();
        var names = c.Active.Select(p => p.Name).ToArray();
        foreach (string argument in names)
        {
            int i = System.Array.IndexOf(names, argument);
            Assert.True(gradients.Any(g => g[1 + i] != 0), $"case '{name}': the partial with respect to '{argument}' is zero at every point, so a lost gradient would go unnoticed.");
        }
    }
}
