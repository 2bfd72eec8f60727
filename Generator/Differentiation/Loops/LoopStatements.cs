using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>Walks over the loop form's statements, for the analyses that ask what a stretch of code reads and writes.</summary>
internal static class LoopStatements
{
    /// <summary>
    /// Runs <paramref name="action"/> on each statement and then on the statements nested in it, in source order;
    /// a statement <paramref name="skip"/> says yes to is passed over with everything nested in it.
    /// </summary>
    public static void Visit(IReadOnlyList<LStmt> statements, Action<LStmt> action, Func<LStmt, bool>? skip = null)
    {
        foreach (LStmt statement in statements)
        {
            if (skip?.Invoke(statement) == true)
            {
                continue;
            }

            action(statement);
            switch (statement)
            {
                case LIf i: Visit(i.Then, action, skip); Visit(i.Else, action, skip); break;
                case LLoop l: Visit(l.Body, action, skip); Visit(l.Step, action, skip); break;
            }
        }
    }

    /// <summary>The expressions a statement itself evaluates (not those of nested statements), the array a store writes included.</summary>
    public static IEnumerable<Expr> OwnExpressions(LStmt statement) => statement switch
    {
        LAssign a => new[] { a.Value },
        LStore s => new Expr[] { s.Array, s.Index, s.Value },
        LIf i => new[] { i.Condition },
        LLoop { Counter: { } counter } l => new[] { counter.Start, l.Condition },
        LLoop l => new[] { l.Condition },
        LArray a => new[] { a.Length },
        LThrow t => t.Thrown.Reads.ToArray(),
        _ => Array.Empty<Expr>(),
    };

    /// <summary>The names of the scalars <paramref name="statements"/> assign, nested statements and loop counters included.</summary>
    public static HashSet<string> AssignedScalars(IEnumerable<LStmt> statements)
    {
        var assigned = new HashSet<string>();
        Visit(statements.ToList(), s =>
        {
            if (AssignedScalar(s) is { } scalar) assigned.Add(scalar.Name);
        });
        return assigned;
    }

    /// <summary>The scalar a statement itself assigns: an assignment's target, a counted loop's counter; otherwise null.</summary>
    public static VariableRef? AssignedScalar(LStmt statement) => statement switch
    {
        LAssign a => a.Target,
        LLoop { Counter: { } counter } => counter.Variable,
        _ => null,
    };
}
