using System.Linq;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Ir;

/// <summary>
/// Where a statement comes from: its 1-based line and its text on one line, for the comments of the generated code.
/// <see cref="InlinedFrom"/> names the callee a statement was taken from (see <c>CallInliner</c>); the line is the callee's.
/// </summary>
internal sealed record SourceInfo(int Line, string Text)
{
    public string? InlinedFrom { get; init; }

    /// <summary>The comment text: "line 12: s += x;", or "line 40 of LogSumExp, inlined: …".</summary>
    public string Describe() => InlinedFrom is null ? $"line {Line}: {Text}" : $"line {Line} of {InlinedFrom}, inlined: {Text}";
}

internal abstract record Stmt(SourceInfo Source);

internal sealed record LocalDeclaration(SourceInfo Source, string Name, ScalarKind Kind, Expr? Initializer) : Stmt(Source);

/// <summary><c>name = value</c>; compound assignments and ++/-- are lowered to this by the parser.</summary>
internal sealed record Assignment(SourceInfo Source, string Name, Expr Value) : Stmt(Source);

/// <summary><c>collection[index] = value</c>; compound element assignments and ++/-- are lowered to this by the parser.</summary>
internal sealed record ElementAssignment(SourceInfo Source, Expr Collection, Expr Index, Expr Value) : Stmt(Source);

internal sealed record Block(SourceInfo Source, EquatableArray<Stmt> Statements) : Stmt(Source);

internal sealed record If(SourceInfo Source, Expr Condition, Block Then, Block? Else) : Stmt(Source);

/// <summary>A switch statement; the trailing <c>break</c> of each section is removed by the parser.</summary>
internal sealed record Switch(SourceInfo Source, Expr Governing, EquatableArray<SwitchSection> Sections) : Stmt(Source);

/// <summary>A section matches when any label matches; <c>default:</c> is a <see cref="DiscardPattern"/>.</summary>
internal sealed record SwitchSection(EquatableArray<Pattern> Labels, Block Body);

internal sealed record Return(SourceInfo Source, Expr Value) : Stmt(Source);

/// <summary>A local array, <c>new T[length]</c> or <c>stackalloc T[length]</c>: zero-filled, never reassigned.</summary>
internal sealed record LocalArray(SourceInfo Source, string Name, ScalarKind Kind, Expr Length) : Stmt(Source)
{
    /// <summary>For an array the source does not declare, what it holds (a TensorPrimitives call's values): diagnostics name that.</summary>
    public string? MadeFor { get; init; }

    /// <summary>
    /// The loop of stores that zero-fills <paramref name="array"/> where its declaration stood, once the declaration is moved
    /// before the loop around it: a fresh array each time round is one array cleared each time round. The fill's stores are
    /// ordinary element writes, so the reverse sweep restores what they overwrite like any other.
    /// </summary>
    public static For ZeroFill(SourceInfo source, CollectionRef array, VariableRef counter) => For.Counted(source, counter, new LengthOf(array),
        new Block(source, EquatableArray.Of<Stmt>(new ElementAssignment(source, array, counter, new Constant(array.Kind, 0)))));
}

// Loops. Methods containing them (or spans, arrays) are differentiated by LoopReverse, not SsaLowering.
internal sealed record While(SourceInfo Source, Expr Condition, Block Body) : Stmt(Source);

internal sealed record DoWhile(SourceInfo Source, Block Body, Expr Condition) : Stmt(Source);

internal sealed record For(SourceInfo Source, EquatableArray<Stmt> Initializers, Expr? Condition, EquatableArray<Stmt> Incrementors, Block Body) : Stmt(Source)
{
    /// <summary>
    /// <c>for (int counter = from; counter &lt; length; counter++) body</c>, for the loops the parser and the inliner write
    /// themselves (from 0 unless <paramref name="from"/> says otherwise).
    /// </summary>
    public static For Counted(SourceInfo source, VariableRef counter, Expr length, Block body, int from = 0) => new(
        source,
        EquatableArray.Of<Stmt>(new LocalDeclaration(source, counter.Name, ScalarKind.Int, new Constant(ScalarKind.Int, from))),
        new Binary(ScalarKind.Bool, BinaryOperator.Less, counter, length),
        EquatableArray.Of<Stmt>(new Assignment(source, counter.Name, new Binary(ScalarKind.Int, BinaryOperator.Add, counter, new Constant(ScalarKind.Int, 1)))),
        body);

    /// <summary>
    /// <c>foreach (kind variable in view) body</c> over <paramref name="view"/> of <paramref name="collection"/>, as a counted loop
    /// whose body starts by declaring the variable: <c>variable = collection[view.Start + counter]</c>.
    /// </summary>
    public static For OverView(SourceInfo source, VariableRef counter, CollectionRef collection, SpanView view, string variable, ScalarKind kind, Block body)
    {
        Expr element = new ElementRead(collection.Kind, collection, view.Offset(counter));
        if (element.Kind != kind)
        {
            element = new Conversion(kind, element);
        }

        return Counted(source, counter, view.Length,
            body with { Statements = body.Statements.Prepend(new LocalDeclaration(source, variable, kind, element)).ToEquatableArray() });
    }
}

internal sealed record ForEach(SourceInfo Source, string Variable, ScalarKind Kind, Expr Collection, Block Body) : Stmt(Source);

internal sealed record Break(SourceInfo Source) : Stmt(Source);

internal sealed record Continue(SourceInfo Source) : Stmt(Source);

/// <summary>
/// A call made for what it writes: <c>Layer(w, x, h);</c> to a [Differentiable] callee that writes the elements of a collection
/// it is given. <c>WriterInliner</c> puts the callee's statements in its place before the method is differentiated, so no
/// later stage sees one.
/// </summary>
internal sealed record CallStatement(SourceInfo Source, UserCall Call) : Stmt(Source);

/// <summary><c>throw Thrown;</c>: the path ends here, with the exception the source throws.</summary>
internal sealed record Throw(SourceInfo Source, ThrownExpression Thrown) : Stmt(Source);
