using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with <see cref="FuzzFeatures.Views"/> and <see cref="FuzzFeatures.Swaps"/>: over the default seeds the
/// generator writes every shape of view (each way of writing one, computed starts, views of views, views in loops, writes
/// through Span views, views passed to helpers) and of swap, and without the flags it draws nothing, so every other feature
/// set keeps its programs.
/// </summary>
public sealed class ViewFuzzSelfTests
{
    [Fact]
    public void Default_programs_write_views_every_way_and_use_them_everywhere()
    {
        FuzzProgram[] programs = NewConstructFuzzSelfTests.DefaultPrograms;
        List<DeclareView> views = programs.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<DeclareView>().ToList();
        var names = views.Select(v => v.Name).ToHashSet();

        foreach (string form in new[] { ".Slice(", ".AsSpan(", "[..]", "..^", ".Length]" })
        {
            Assert.Contains(views, v => v.Text.Contains(form, System.StringComparison.Ordinal));
        }

        Assert.Contains(views, v => v.Text == v.Base);
        Assert.Contains(views, v => v.Text.Contains(" - ", System.StringComparison.Ordinal) && v.Text.Contains("(i", System.StringComparison.Ordinal));
        Assert.Contains(views, v => names.Contains(v.Base));
        Assert.Contains(views, v => v.Writable);
        Assert.Contains(programs.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<For>(), loop => loop.Body.OfType<DeclareView>().Any());

        List<FuzzStatement> statements = programs.SelectMany(p => p.Methods).SelectMany(m => FuzzProgramWalk.Statements(m.Body)).ToList();
        Assert.Contains(statements.OfType<ArrayWrite>(), w => names.Contains(w.Array));
        Assert.Contains(statements.OfType<ForEach>(), f => names.Contains(f.Collection));
        List<FuzzExpr> expressions = programs.SelectMany(p => p.Methods).SelectMany(FuzzProgramWalk.Expressions).ToList();
        Assert.Contains(expressions.OfType<ArrayRead>(), r => names.Contains(r.Array));
        Assert.Contains(expressions.OfType<CollectionArg>(), c => names.Contains(c.Name));
        Assert.Contains(expressions.OfType<CollectionArg>(), c => c.ViewText is not null);
    }

    [Fact]
    public void Default_programs_swap_double_buffers_in_loops_and_other_arrays_elsewhere()
    {
        List<FuzzMethod> methods = NewConstructFuzzSelfTests.DefaultPrograms.SelectMany(p => p.Methods).ToList();
        List<For> loops = methods.SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<For>().ToList();
        Assert.Contains(loops, loop => loop.Body.LastOrDefault() is SwapArrays);
        Assert.Contains(methods, m => FuzzProgramWalk.Statements(m.Body).OfType<SwapArrays>().Count() > 1);
        Assert.Contains(methods, m => m.Body.OfType<SwapArrays>().Any());
    }

    [Fact]
    public void Without_the_flag_no_view_is_written_and_the_programs_are_unchanged()
    {
        const FuzzFeatures withoutViews = FuzzFeatures.BeforeViews;
        FuzzProgram[] programs = Enumerable.Range(0, 200).Select(seed => ProgramGenerator.Generate(seed, withoutViews)).ToArray();
        Assert.DoesNotContain(programs, FuzzProgramWalk.UsesViews);
        Assert.DoesNotContain(programs, FuzzProgramWalk.SwapsArrays);
        // Seed 113002698 gave this program before views existed (CheckerSelfTests pins it the same way).
        Assert.Contains("Math.Pow((1.0 + p[0] * p[0]), Math.Sin(x))", ProgramPrinter.ToCSharp(ProgramGenerator.Generate(113002698, withoutViews), "P"), System.StringComparison.Ordinal);
    }
}
