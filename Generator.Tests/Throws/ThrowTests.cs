using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Numeric;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Throws;

/// <summary>Compiles every throw case once for the class (one generator run, one emit).</summary>
public sealed class ThrowCasesFixture : CompiledCases
{
    public ThrowCasesFixture() : base(ThrowCases.All.Select(c => c.Numeric)) { }
}

/// <summary>
/// Methods that validate their input: gradients on the returning points, and on the throwing points every generated
/// entry throws what the method throws, and leaves the tape stack and its pool as it found them.
/// </summary>
public sealed class ThrowTests : IClassFixture<ThrowCasesFixture>
{
    private readonly ThrowCasesFixture _compiled;

    public ThrowTests(ThrowCasesFixture compiled) => _compiled = compiled;

    public static IEnumerable<object[]> ReturningCases => ThrowCases.All.Where(c => c.Numeric.Points.Count > 0).Select(c => new object[] { c.Name });

    public static IEnumerable<object[]> AllCases => ThrowCases.All.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(ReturningCases))]
    public void Gradient_on_the_returning_path_matches_finite_differences(string name) =>
        GradientCheck.Run(_compiled, Find(name).Numeric);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Every_entry_throws_what_the_method_throws_and_the_next_call_is_right(string name)
    {
        ThrowCase c = Find(name);
        CompiledAssembly assembly = _compiled.AssemblyFor(c.Numeric);
        string driver = "NumericCases." + c.Numeric.DriverName;
        double[][] before = c.Numeric.Points.Select(p => (double[])assembly.InvokeStatic(driver, "Fused", p)!).ToArray();
        TapeStack threadStack = TapeStack.ForCurrentThread;
        int depth = threadStack.Count;
        TapeStack spare = TapeStack.Rent();
        TapeStack.Return(spare);

        foreach (double[] point in c.ThrowingPoints)
        {
            Exception expected = Assert.ThrowsAny<Exception>(() => assembly.InvokeStatic(driver, "Value", point));
            foreach (string entry in new[] { "Fused", "ForwardBackwardTwice" })
            {
                Exception actual = Assert.ThrowsAny<Exception>(() => assembly.InvokeStatic(driver, entry, point));
                string where = $"case '{name}', {entry}";
                Assert.True(expected.GetType() == actual.GetType(), $"{where}: threw {actual.GetType()} ({actual.Message}), the method throws {expected.GetType()} ({expected.Message})");
                Assert.Equal(expected.Message, actual.Message);
                Assert.True(depth == threadStack.Count, $"{where}: the thread's tape stack holds {threadStack.Count} values after the throw, {depth} before");
            }

            // Forward rented the spare stack; it must have given it back before throwing.
            TapeStack next = TapeStack.Rent();
            Assert.True(ReferenceEquals(spare, next), $"case '{name}': Forward kept the stack it rented");
            TapeStack.Return(next);
            spare = next;
        }

        for (int i = 0; i < c.Numeric.Points.Count; i++)
        {
            Assert.Equal(before[i], (double[])assembly.InvokeStatic(driver, "Fused", c.Numeric.Points[i])!);
        }

        if (c.Numeric.Points.Count > 0)
        {
            GradientCheck.Run(_compiled, c.Numeric);
        }
    }

    private static ThrowCase Find(string name) => ThrowCases.All.Single(c => c.Name == name);
}
