using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.InParameters"/>: F and the helpers take <c>in</c> and <c>ref readonly</c> doubles
/// they never assign, callers pass variables to them with and without <c>in</c>, both printings declare them so, and the
/// programs pass; without the flag none does.
/// </summary>
public sealed class InParameterFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.DefaultPrograms;

    [Fact]
    public void Default_programs_take_in_and_ref_readonly_parameters_on_F_and_every_kind_of_helper_but_writers()
    {
        List<FuzzMethod> methods = Programs.SelectMany(p => p.Methods).ToList();
        Assert.Contains(methods, m => m.Name == "F" && !m.InParameters.IsDefaultOrEmpty);
        Assert.Contains(methods, m => m.Name == "F" && !m.RefReadOnlyParameters.IsDefaultOrEmpty);
        foreach (string prefix in new[] { "H", "L" })
        {
            Assert.Contains(methods, m => m.Name.StartsWith(prefix, StringComparison.Ordinal) && !m.InParameters.IsDefaultOrEmpty);
        }

        // A writer given, by in, a variable it writes would read its own writes through it: the generator refuses such calls (FB-25).
        Assert.Contains(methods, m => m.IsWriter);
        Assert.DoesNotContain(methods, m => m.IsWriter && !(m.InParameters.IsDefaultOrEmpty && m.RefReadOnlyParameters.IsDefaultOrEmpty));

        Assert.Contains(methods, m => m.Role == FuzzMethodRole.Extension && !m.RefReadOnlyParameters.IsDefaultOrEmpty);
        Assert.True(Programs.Count(FuzzProgramWalk.TakesInParameters) >= Programs.Length / 2);
        Assert.Contains(methods.SelectMany(FuzzProgramWalk.CallsIn), c => c.Arguments.OfType<InArg>().Any());
    }

    /// <summary>C# refuses to assign an in parameter (and the twin's would not compile): none is assigned, stepped, passed by ref or captured.</summary>
    [Fact]
    public void No_method_writes_a_parameter_it_takes_by_readonly_reference()
    {
        foreach (FuzzMethod method in Programs.SelectMany(p => p.Methods))
        {
            var readOnly = (method.InParameters.IsDefault ? Enumerable.Empty<string>() : method.InParameters)
                .Concat(method.RefReadOnlyParameters.IsDefault ? Enumerable.Empty<string>() : method.RefReadOnlyParameters).ToHashSet();
            IEnumerable<string> written = FuzzProgramWalk.Statements(method.Body).Select(s => s switch
            {
                Assign a => a.Name,
                CompoundAssign c => c.Name,
                Increment i => i.Name,
                _ => null,
            }).OfType<string>().Concat(FuzzProgramWalk.Expressions(method).OfType<RefArg>().Select(r => r.Name));
            Assert.DoesNotContain(written, readOnly.Contains);
        }
    }

    [Fact]
    public void An_in_parameter_prints_as_one_in_both_printings()
    {
        FuzzProgram program = Programs.First(p => !p.Entry.InParameters.IsDefaultOrEmpty);
        string name = program.Entry.InParameters[0];

        Assert.Contains("in double " + name, ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);
        Assert.Contains("in Tensor " + name, ProgramPrinter.ToTensor(program, "T"), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_programs_passing_variables_by_in_pass_the_checker()
    {
        FuzzProgram[] passing = Programs.Where(p => p.Methods.SelectMany(FuzzProgramWalk.CallsIn).Any(c => c.Arguments.OfType<InArg>().Any())).Take(16).ToArray();
        Assert.Equal(16, passing.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(passing);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_parameter_is_taken_by_reference()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.InParameters)),
            p => FuzzProgramWalk.TakesInParameters(p) || p.Methods.SelectMany(FuzzProgramWalk.CallsIn).Any(c => c.Arguments.OfType<InArg>().Any()));
    }
}
