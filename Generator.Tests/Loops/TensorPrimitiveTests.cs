using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>Compiles every TensorPrimitives case once for the class.</summary>
public sealed class TensorPrimitiveCasesFixture : CompiledCases
{
    public TensorPrimitiveCasesFixture() : base(TensorPrimitiveCases.All) { }
}

public sealed class TensorPrimitiveTests : IClassFixture<TensorPrimitiveCasesFixture>
{
    private readonly TensorPrimitiveCasesFixture _compiled;

    public TensorPrimitiveTests(TensorPrimitiveCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> CaseNames => Cases.Names(TensorPrimitiveCases.All);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_gradient_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, TensorPrimitiveCases.All.Single(c => c.Name == name));
}
