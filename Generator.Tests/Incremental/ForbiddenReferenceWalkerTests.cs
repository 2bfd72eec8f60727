using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Incremental;

/// <summary>The walker must find Roslyn objects however deep a model hides them, or the caching test proves nothing.</summary>
public sealed class ForbiddenReferenceWalkerTests
{
    private sealed record Leaf(string Name, double Value);

    private sealed record Holder(Leaf Leaf, ImmutableArray<object> Items, (int, object) Pair);

    private sealed class Cycle
    {
        public Cycle? Next;
        public object? Payload;
    }

    [Fact]
    public void Plain_values_pass()
    {
        var model = new Holder(new Leaf("a", 1), ImmutableArray.Create<object>(new Leaf("b", 2), "text", 3), (1, new Leaf("c", 3)));

        Assert.Empty(ForbiddenReferenceWalker.Find(model, "model"));
    }

    [Fact]
    public void Syntax_nodes_inside_immutable_arrays_and_tuples_are_found()
    {
        SyntaxNode node = SyntaxFactory.ParseExpression("x + 1");
        var model = new Holder(new Leaf("a", 1), ImmutableArray.Create<object>(new Leaf("b", 2), node), (1, Location.None));

        var found = ForbiddenReferenceWalker.Find(model, "model");

        Assert.Equal(2, found.Count);
        Assert.Contains(found, f => f.StartsWith("model.Items.array[1] is a SyntaxNode"));
        Assert.Contains(found, f => f.StartsWith("model.Pair.Item2 is a Location"));
    }

    [Fact]
    public void Cycles_terminate_and_compilations_are_found()
    {
        var first = new Cycle();
        var second = new Cycle { Next = first, Payload = CSharpCompilation.Create("x") };
        first.Next = second;

        var found = ForbiddenReferenceWalker.Find(first, "root");

        Assert.Equal(new[] { "root.Next.Payload is a Compilation (CSharpCompilation)" }, found);
    }
}
