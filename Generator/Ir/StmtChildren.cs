using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Ir;

/// <summary>The statements a statement holds and the expressions it evaluates itself, for walks over a whole method body.</summary>
internal static class StmtChildren
{
    /// <summary>The statements directly inside <paramref name="statement"/>: a block's, a branch's, a loop's (a for's initializers and incrementors too).</summary>
    public static IEnumerable<Stmt> Of(Stmt statement) => statement switch
    {
        Block b => b.Statements,
        If i => i.Else is null ? new Stmt[] { i.Then } : new Stmt[] { i.Then, i.Else },
        Switch s => s.Sections.Select(section => (Stmt)section.Body),
        While w => new Stmt[] { w.Body },
        DoWhile d => new Stmt[] { d.Body },
        For f => f.Initializers.Concat(f.Incrementors).Append(f.Body),
        ForEach fe => new Stmt[] { fe.Body },
        _ => Array.Empty<Stmt>(),
    };

    /// <summary>The expressions <paramref name="statement"/> evaluates itself, not those of the statements inside it.</summary>
    public static IEnumerable<Expr> ExpressionsOf(Stmt statement) => statement switch
    {
        LocalDeclaration { Initializer: { } init } => new[] { init },
        Assignment a => new[] { a.Value },
        ElementAssignment e => new[] { e.Collection, e.Index, e.Value },
        LocalArray a => new[] { a.Length },
        Return r => new[] { r.Value },
        If i => new[] { i.Condition },
        Switch s => new[] { s.Governing },
        While w => new[] { w.Condition },
        DoWhile d => new[] { d.Condition },
        For { Condition: { } condition } => new[] { condition },
        ForEach fe => new[] { fe.Collection },
        Throw t => t.Thrown.Reads,
        CallStatement c => new Expr[] { c.Call },
        _ => Array.Empty<Expr>(),
    };

    /// <summary><paramref name="statement"/> and every statement nested in it, outermost first.</summary>
    public static IEnumerable<Stmt> AllOf(Stmt statement) => new[] { statement }.Concat(Of(statement).SelectMany(AllOf));
}
