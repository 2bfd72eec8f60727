using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz harness with collections: the driver cuts each collection parameter from the point and puts each
/// element's gradient back in its place, the tensor twin passes the same collections, and the program generator
/// really writes the shapes it is meant to (several collections per call, aliasing, .Length loops), all legal C#.
/// </summary>
public sealed class CollectionFuzzSelfTests
{
    // H0(a, k, b) = a[k]·a[0]·b[0] + b[(k + 1) % 3]; F(x, u, w) = x · H0(u, 0, w) + w[2].
    private static readonly FuzzMethod H0 = new FuzzMethod(
        "H0",
        ImmutableArray.Create("a", "k", "b"),
        ImmutableArray<FuzzStatement>.Empty,
        new Binary('+',
            new Binary('*', new Binary('*', new ArrayRead("a", new FuzzIndex("k", 0)), new ArrayRead("a", new FuzzIndex(null, 0))), new ArrayRead("b", new FuzzIndex(null, 0))),
            new ArrayRead("b", new FuzzIndex("k", 1))))
    {
        Kinds = ImmutableArray.Create(FuzzParameterKind.Array, FuzzParameterKind.Int, FuzzParameterKind.ReadOnlySpan),
    };

    private static FuzzProgram Program(string first, string second)
    {
        var call = new Call("H0", ImmutableArray.Create<FuzzExpr>(new CollectionArg(first), new IntArg(null, 0), new CollectionArg(second)));
        var f = new FuzzMethod("F", ImmutableArray.Create("x", "u", "w"), ImmutableArray<FuzzStatement>.Empty,
            new Binary('+', new Binary('*', new Var("x"), call), new ArrayRead("w", new FuzzIndex(null, 2))))
        {
            Kinds = ImmutableArray.Create(FuzzParameterKind.Double, FuzzParameterKind.Array, FuzzParameterKind.Array),
        };

        // u and w hold the same values, so swapping them in the call changes no value, only which element gets which gradient.
        return new FuzzProgram(0, ImmutableArray.Create(H0, f), ImmutableArray.Create(0.7, 0.5, -1.2, 0.9, 0.5, -1.2, 0.9));
    }

    [Fact]
    public void Coordinates_name_each_element_of_a_collection_parameter()
    {
        Assert.Equal(new[] { "x", "u[0]", "u[1]", "u[2]", "w[0]", "w[1]", "w[2]" }, Program("u", "w").CoordinateNames);
    }

    [Fact]
    public void A_graph_oracle_that_passes_the_collections_the_other_way_round_is_a_mismatch_at_the_element()
    {
        FuzzProgram program = Program("u", "w");
        FuzzResult honest = DifferentialChecker.CheckBatch(new[] { program })[0];
        FuzzResult swapped = DifferentialChecker.CheckBatch(new[] { program }, _ => Program("w", "u"))[0];

        Assert.Equal(FuzzOutcome.Passed, honest.Outcome);
        // Same value; ∂F/∂x = H0 is the same too, so the first gradient to differ is u[0]'s: x·2·u0·w0 against x·w0².
        Assert.Equal(FuzzOutcome.GraphMismatch, swapped.Outcome);
        Assert.StartsWith("∂F/∂u[0]: generated 0.3", swapped.Detail, StringComparison.Ordinal);
        Assert.Contains("dynamic graph 0.17", swapped.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_program_and_its_tensor_twin_declare_collections_as_written_and_as_tensor_arrays()
    {
        FuzzProgram program = Program("u", "w");
        string user = ProgramPrinter.ToCSharp(program, "P");
        string tensor = ProgramPrinter.ToTensor(program, "T");

        Assert.Contains("public static double H0(double[] a, int k, ReadOnlySpan<double> b)", user, StringComparison.Ordinal);
        Assert.Contains("H0(u, 0, w)", user, StringComparison.Ordinal);
        Assert.Contains("public static Tensor H0(Tensor[] a, int k, Tensor[] b)", tensor, StringComparison.Ordinal);
        Assert.Contains("b[(k + 1) % 3]", tensor, StringComparison.Ordinal);
    }

    [Fact]
    public void Some_constant_indices_print_from_the_end_in_both_printings_and_most_do_not()
    {
        // Every collection is FuzzIndex.ArrayLength (3) long, so a[^3] is a[0]; which indices print so depends on the name and index.
        var constants = NewConstructFuzzSelfTests.DefaultPrograms
            .SelectMany(p => p.Methods.SelectMany(m => FuzzProgramWalk.Expressions(m).OfType<ArrayRead>()).Select(r => (Program: p, Read: r)))
            .Where(c => c.Read.Index.Counter is null).ToList();
        Assert.InRange(constants.Count(c => ProgramPrinter.FromEnd(c.Read.Index, c.Read.Array)), constants.Count / 6, constants.Count / 2);
        (FuzzProgram program, ArrayRead read) = constants.First(c => ProgramPrinter.FromEnd(c.Read.Index, c.Read.Array));
        string fromEnd = $"{read.Array}[^{FuzzIndex.ArrayLength - read.Index.Offset}]";
        Assert.Contains(fromEnd, ProgramPrinter.ToCSharp(program, "P"), StringComparison.Ordinal);
        Assert.Contains(fromEnd, ProgramPrinter.ToTensor(program, "T"), StringComparison.Ordinal);
        Assert.Contains("w[2]", ProgramPrinter.ToCSharp(Program("u", "w"), "P"), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_programs_pass_several_collections_per_call_alias_them_and_loop_over_their_length()
    {
        FuzzProgram[] programs = Enumerable.Range(0, 300).Select(seed => ProgramGenerator.Generate(seed)).ToArray();
        var calls = programs.SelectMany(p => p.Methods.SelectMany(m => FuzzProgramWalk.CallsIn(m).Select(c => (Program: p, Caller: m, Call: c)))).ToList();

        Assert.All(calls, c => AssertLegal(c.Program, c.Caller, c.Call));
        Assert.Contains(calls, c => c.Call.Arguments.OfType<CollectionArg>().Count() >= 2);
        Assert.Contains(calls, c => c.Call.Arguments.OfType<CollectionArg>().GroupBy(a => a.Name).Any(g => g.Count() > 1));
        Assert.Contains(calls, c => c.Call.Arguments.OfType<CollectionArg>().Any(a => a.Name.StartsWith("arr", StringComparison.Ordinal)));
        Assert.Contains(calls, c => c.Caller.Name == "F" && c.Call.Arguments.OfType<CollectionArg>().Any(a => a.Name is "p" or "q"));
        Assert.Contains(calls, c => c.Call.Arguments.OfType<IntArg>().Any());
        Assert.Contains(programs, p => p.Methods.SelectMany(m => FuzzProgramWalk.Statements(m.Body)).OfType<For>().Any(f => f.LengthOf is not null));
        foreach (FuzzParameterKind kind in new[] { FuzzParameterKind.Array, FuzzParameterKind.ReadOnlySpan, FuzzParameterKind.Span })
        {
            Assert.Contains(programs, p => p.Methods.Any(m => Enumerable.Range(0, m.Parameters.Length).Any(i => m.KindOf(i) == kind)));
        }

        // FB-7's shape: a call with several collection partials, or collection and double ones mixed, inside a loop.
        Assert.Contains(programs, p => p.Methods.Any(m => FuzzProgramWalk.Statements(m.Body).OfType<For>()
            .Any(loop => FuzzProgramWalk.Expressions(loop.Body).OfType<Call>().Any(c => c.Arguments.OfType<CollectionArg>().Count() >= 2))));
    }

    /// <summary>Every argument suits its parameter the way C# requires: a double[] parameter takes only a double[], and so on.</summary>
    private static void AssertLegal(FuzzProgram program, FuzzMethod caller, Call call)
    {
        FuzzMethod callee = program.Methods.Single(m => m.Name == call.Method);
        Assert.Equal(callee.Parameters.Length, call.Arguments.Length);
        for (int i = 0; i < call.Arguments.Length; i++)
        {
            FuzzParameterKind kind = callee.KindOf(i);
            switch (call.Arguments[i])
            {
                case CollectionArg c:
                    int declared = caller.Parameters.IndexOf(c.Name);
                    // Else a local: a 2-D array if the caller made one by that name, an array (or a view, which converts as one) otherwise.
                    FuzzParameterKind argumentKind = declared >= 0 ? caller.KindOf(declared)
                        : FuzzProgramWalk.Statements(caller.Body).OfType<DeclareMatrix>().Any(d => d.Name == c.Name) ? FuzzParameterKind.Matrix
                        : FuzzParameterKind.Array;
                    Assert.True(argumentKind.Converts(kind), $"{call.Method} takes {kind} but is passed {c.Name}, a {argumentKind}");
                    break;
                case IntArg n:
                    Assert.Equal(FuzzParameterKind.Int, kind);
                    Assert.True(n.Counter is not null || n.Value is >= 0 and < FuzzIndex.ArrayLength);
                    break;
                case RefArg:
                    Assert.Equal(FuzzParameterKind.RefDouble, kind);
                    break;
                default:
                    Assert.Equal(FuzzParameterKind.Double, kind);
                    break;
            }
        }
    }
}
