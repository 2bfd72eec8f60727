using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.LocalFunctions"/>: over the default seeds F declares local functions of every
/// shape the generator takes in and calls them, those with statements only where their statement always runs them, and the
/// programs pass; without the flag none does.
/// </summary>
public sealed class LocalFunctionFuzzSelfTests
{
    private static readonly FuzzProgram[] Programs = NewConstructFuzzSelfTests.DefaultPrograms;

    private static readonly List<DeclareLocalFunction> Declared =
        Programs.SelectMany(p => FuzzProgramWalk.Statements(p.Entry.Body)).OfType<DeclareLocalFunction>().ToList();

    [Fact]
    public void A_good_share_of_default_programs_call_local_functions_of_every_shape()
    {
        Assert.True(Programs.Count(FuzzProgramWalk.CallsLocalFunctions) >= Programs.Length / 4, $"{Programs.Count(FuzzProgramWalk.CallsLocalFunctions)} of {Programs.Length}");
        Assert.Contains(Declared, f => f.Body.IsEmpty && !f.NeedsStatement);
        Assert.Contains(Declared, f => f.Body.OfType<For>().Any());
        Assert.Contains(Declared, f => f.Body.OfType<If>().Any());
        Assert.Contains(Declared, f => f.Static);
        Assert.Contains(Declared, f => f.Parameters.Any(p => p.IsInt));
        Assert.Contains(Declared, f => f.Parameters.Any(p => p.In));
        // Captures: a local function reading F's variables, and one calling another.
        Assert.Contains(Declared, f => !f.Static && Reads(f).Any(name => !name.StartsWith("lf", StringComparison.Ordinal)));
        Assert.Contains(Declared, f => FuzzProgramWalk.Expressions(f.Body).Concat(FuzzProgramWalk.Flatten(f.Result)).OfType<LocalCall>().Any());
        Assert.All(Declared.Where(f => f.Static), f => Assert.All(Reads(f), name => Assert.StartsWith(f.Name.ToLowerInvariant(), name)));
    }

    /// <summary>The generator runs the statements of such a body before the calling statement: a ?: branch might not run them.</summary>
    [Fact]
    public void A_local_function_with_statements_is_never_called_in_a_branch_of_a_conditional()
    {
        foreach (FuzzProgram program in Programs)
        {
            var needsStatement = FuzzProgramWalk.Statements(program.Entry.Body).OfType<DeclareLocalFunction>().Where(f => f.NeedsStatement).Select(f => f.Name).ToHashSet();
            IEnumerable<FuzzExpr> inBranches = FuzzProgramWalk.Expressions(program.Entry).OfType<Conditional>()
                .SelectMany(c => FuzzProgramWalk.Flatten(c.WhenTrue).Concat(FuzzProgramWalk.Flatten(c.WhenFalse)));
            Assert.DoesNotContain(inBranches, e => e is LocalCall call && needsStatement.Contains(call.Name));
        }

        Assert.Contains(Programs, p => FuzzProgramWalk.Expressions(p.Entry).OfType<Conditional>()
            .Any(c => FuzzProgramWalk.Flatten(c.WhenTrue).Concat(FuzzProgramWalk.Flatten(c.WhenFalse)).OfType<LocalCall>().Any()));
    }

    [Fact]
    public void A_local_function_prints_as_one_in_both_printings()
    {
        FuzzProgram program = Programs.First(p => FuzzProgramWalk.Statements(p.Entry.Body).OfType<DeclareLocalFunction>().Any(f => !f.Body.IsEmpty && f.Static));
        DeclareLocalFunction function = FuzzProgramWalk.Statements(program.Entry.Body).OfType<DeclareLocalFunction>().First(f => !f.Body.IsEmpty && f.Static);

        Assert.Contains($"static double {function.Name}(", ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);
        Assert.Contains($"static Tensor {function.Name}(", ProgramPrinter.ToTensor(program, "T"), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_programs_that_call_local_functions_pass_the_checker()
    {
        FuzzProgram[] calling = Programs.Where(FuzzProgramWalk.CallsLocalFunctions).Take(16).ToArray();
        Assert.Equal(16, calling.Length);

        IReadOnlyList<FuzzResult> results = DifferentialChecker.CheckBatch(calling);

        Assert.All(results, r => Assert.False(r.Outcome.IsBug() || r.Outcome is FuzzOutcome.InvalidProgram or FuzzOutcome.Rejected, $"seed {r.Program.Seed}: {r.Outcome}\n{r.Detail}"));
        Assert.True(results.Count(r => r.Outcome == FuzzOutcome.Passed) >= 13, string.Join(", ", results.Select(r => r.Outcome)));
    }

    [Fact]
    public void Without_the_flag_no_program_declares_a_local_function()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, FuzzFeatures.All & ~FuzzFeatures.LocalFunctions)),
            p => FuzzProgramWalk.Statements(p.Entry.Body).OfType<DeclareLocalFunction>().Any());
    }

    private static IEnumerable<string> Reads(DeclareLocalFunction f) =>
        FuzzProgramWalk.Expressions(f.Body).Concat(FuzzProgramWalk.Flatten(f.Result)).Select(e => e switch
        {
            Var v => v.Name,
            InArg a => a.Name,
            _ => null,
        }).OfType<string>();
}
