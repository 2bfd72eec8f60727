using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>
/// Greedy shrinking: tries smaller programs (a helper removed, a statement removed, an if replaced by
/// one of its branches, a subexpression replaced by an operand, 1.0 or a parameter) and keeps the
/// first that still fails the same way, until none does. Candidates are checked in batches, so one
/// generator run tries dozens of them; one that does not compile (a removed declaration still used)
/// simply does not count as failing.
/// </summary>
public static class Shrinker
{
    private const int CandidatesPerBatch = 60;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    public static FuzzResult Shrink(FuzzResult failure) => Shrink(failure, DifferentialChecker.CheckBatch);

    /// <param name="check">How a batch of candidates is checked: the real checker, or a self-test's stand-in.</param>
    internal static FuzzResult Shrink(FuzzResult failure, Func<IReadOnlyList<FuzzProgram>, IReadOnlyList<FuzzResult>> check, TimeSpan? budget = null)
    {
        TimeSpan limit = budget ?? Budget;
        var clock = Stopwatch.StartNew();
        FuzzResult current = failure;
        bool progressed = true;
        while (progressed && clock.Elapsed < limit)
        {
            progressed = false;
            foreach (FuzzProgram[] chunk in Candidates(current.Program).Chunk(CandidatesPerBatch))
            {
                // Of the candidates that still fail, the smallest: more progress per generator run.
                FuzzResult? smaller = check(chunk)
                    .Where(r => r.Outcome == failure.Outcome)
                    .OrderBy(r => ProgramPrinter.ToCSharp(r.Program, "P").Length)
                    .FirstOrDefault();
                if (smaller is not null)
                {
                    current = smaller;
                    progressed = true;
                    break;
                }

                if (clock.Elapsed >= limit)
                {
                    break;
                }
            }
        }

        return current;
    }

    /// <summary>
    /// The program without the helpers nothing calls any more. Only a candidate: an uncalled helper still matters when
    /// the failure is in its own generated code.
    /// </summary>
    private static FuzzProgram WithoutUncalledHelpers(FuzzProgram program)
    {
        var kept = program.Methods.ToList();
        bool removed = true;
        while (removed)
        {
            removed = false;
            for (int m = kept.Count - 2; m >= 0; m--)
            {
                string name = kept[m].Name;
                string callText = name + "(";
                if (!kept.Where((_, i) => i != m).Any(other => ProgramPrinter.ToCSharp(program with { Methods = ImmutableArray.Create(other) }, "P").Contains(callText, StringComparison.Ordinal)))
                {
                    kept.RemoveAt(m);
                    removed = true;
                }
            }
        }

        return program with { Methods = kept.ToImmutableArray() };
    }

    /// <summary>Smaller variants of <paramref name="program"/>, the ones that remove most first.</summary>
    public static IEnumerable<FuzzProgram> Candidates(FuzzProgram program)
    {
        FuzzProgram called = WithoutUncalledHelpers(program);
        if (called.Methods.Length < program.Methods.Length)
        {
            yield return called;
        }

        ImmutableArray<FuzzMethod> methods = program.Methods;
        for (int m = 0; m < methods.Length - 1; m++)
        {
            yield return program with { Methods = methods.RemoveAt(m) };
        }

        for (int m = 0; m < methods.Length; m++)
        {
            FuzzMethod method = methods[m];
            foreach (ImmutableArray<FuzzStatement> body in BlockVariants(method.Body))
            {
                yield return program with { Methods = methods.SetItem(m, method with { Body = body }) };
            }

            foreach (FuzzExpr result in method.ReturnsVoid ? Enumerable.Empty<FuzzExpr>() : ExprVariants(method.Result, method.FirstDouble))
            {
                yield return program with { Methods = methods.SetItem(m, method with { Result = result }) };
            }
        }

        // Parameters' expressions inside statements are simplified last: they rarely remove much.
        for (int m = 0; m < methods.Length; m++)
        {
            FuzzMethod method = methods[m];
            foreach (ImmutableArray<FuzzStatement> body in BlockExpressionVariants(method.Body, method.FirstDouble))
            {
                yield return program with { Methods = methods.SetItem(m, method with { Body = body }) };
            }
        }
    }

    private static IEnumerable<ImmutableArray<FuzzStatement>> BlockVariants(ImmutableArray<FuzzStatement> block)
    {
        for (int i = 0; i < block.Length; i++)
        {
            yield return block.RemoveAt(i);
            if (block[i] is If f)
            {
                yield return block.RemoveAt(i).InsertRange(i, f.Then);
                yield return block.RemoveAt(i).InsertRange(i, f.Else);
                foreach (ImmutableArray<FuzzStatement> then in BlockVariants(f.Then))
                {
                    yield return block.SetItem(i, f with { Then = then });
                }

                foreach (ImmutableArray<FuzzStatement> otherwise in BlockVariants(f.Else))
                {
                    yield return block.SetItem(i, f with { Else = otherwise });
                }
            }

            if (block[i] is For loop)
            {
                if (loop.Count > 1)
                {
                    yield return block.SetItem(i, loop with { Count = 1, LengthOf = null, Bound = null });
                }

                foreach (ImmutableArray<FuzzStatement> body in BlockVariants(loop.Body))
                {
                    yield return block.SetItem(i, loop with { Body = body });
                }
            }

            if (block[i] is Fill { Second: not null } fill)
            {
                yield return block.SetItem(i, fill with { Second = null });
            }

            if (block[i] is ForEach each)
            {
                foreach (ImmutableArray<FuzzStatement> body in BlockVariants(each.Body))
                {
                    yield return block.SetItem(i, each with { Body = body });
                }
            }

            if (block[i] is While whileLoop)
            {
                if (whileLoop.Extra is not null)
                {
                    yield return block.SetItem(i, whileLoop with { Extra = null });
                }

                foreach (ImmutableArray<FuzzStatement> body in BlockVariants(whileLoop.Body))
                {
                    yield return block.SetItem(i, whileLoop with { Body = body });
                }
            }

            if (block[i] is SwitchOn choice)
            {
                for (int c = 0; c < choice.Cases.Length; c++)
                {
                    foreach (ImmutableArray<FuzzStatement> section in BlockVariants(choice.Cases[c]))
                    {
                        yield return block.SetItem(i, choice with { Cases = choice.Cases.SetItem(c, section) });
                    }
                }

                foreach (ImmutableArray<FuzzStatement> section in BlockVariants(choice.Default))
                {
                    yield return block.SetItem(i, choice with { Default = section });
                }
            }
        }
    }

    private static IEnumerable<ImmutableArray<FuzzStatement>> BlockExpressionVariants(ImmutableArray<FuzzStatement> block, string? parameter)
    {
        for (int i = 0; i < block.Length; i++)
        {
            foreach (FuzzStatement statement in StatementVariants(block[i], parameter))
            {
                yield return block.SetItem(i, statement);
            }
        }
    }

    private static IEnumerable<FuzzStatement> StatementVariants(FuzzStatement statement, string? parameter) => statement switch
    {
        DeclareDouble d => ExprVariants(d.Value, parameter).Select(v => d with { Value = v }),
        Assign a => ExprVariants(a.Value, parameter).Select(v => a with { Value = v }),
        CompoundAssign c => ExprVariants(c.Value, parameter).Select(v => c with { Value = v }),
        ReturnIf r => ConditionVariants(r.Condition, parameter).Select(c => (FuzzStatement)(r with { Condition = c }))
            .Concat(ExprVariants(r.Value, parameter).Select(v => r with { Value = v })),
        If f => ConditionVariants(f.Condition, parameter).Select(c => (FuzzStatement)(f with { Condition = c }))
            .Concat(BlockExpressionVariants(f.Then, parameter).Select(t => f with { Then = t }))
            .Concat(BlockExpressionVariants(f.Else, parameter).Select(e => f with { Else = e })),
        ArrayWrite w => ExprVariants(w.Value, parameter).Select(v => w with { Value = v }),
        ElementWrite w => ExprVariants(w.Value, parameter).Select(v => w with { Value = v }),
        SteppedWrite w => ExprVariants(w.Value, parameter).Select(v => w with { Value = v }),
        SpanStore { Value: { } filled } f => ExprVariants(filled, parameter).Select(v => f with { Value = v }),
        // A writer's call stays a call (a statement must be one): only its double arguments get simpler.
        CallStatement c => ExprVariants(c.Call, parameter).OfType<Call>().Where(v => v.Method == c.Call.Method).Select(v => new CallStatement(v)),
        Fill f => ExprVariants(f.Value, parameter).Select(v => f with { Value = v }),
        // A local function keeps its parameters (its calls pass them): its statements and returned value get simpler.
        DeclareLocalFunction f => BlockVariants(f.Body).Concat(BlockExpressionVariants(f.Body, parameter)).Select(b => (FuzzStatement)(f with { Body = b }))
            .Concat(ExprVariants(f.Result, parameter).Select(r => f with { Result = r })),
        BreakIf b => ConditionVariants(b.Condition, parameter).Select(c => b with { Condition = c }),
        For loop => BlockExpressionVariants(loop.Body, parameter).Select(body => loop with { Body = body }),
        ForEach each => BlockExpressionVariants(each.Body, parameter).Select(body => each with { Body = body }),
        While loop => BlockExpressionVariants(loop.Body, parameter).Select(body => loop with { Body = body }),
        ContinueIf c => ConditionVariants(c.Condition, parameter).Select(v => c with { Condition = v }),
        _ => Enumerable.Empty<FuzzStatement>(),
    };

    private static IEnumerable<FuzzCondition> ConditionVariants(FuzzCondition condition, string? parameter) => condition switch
    {
        DoubleComparison c => ExprVariants(c.Left, parameter).Select(l => (FuzzCondition)(c with { Left = l }))
            .Concat(ExprVariants(c.Right, parameter).Select(r => c with { Right = r })),
        // A constant subject would let the compiler decide the pattern: keep the subject an expression.
        DoublePatternTest p => PatternVariants(p.Pattern).Select(q => (FuzzCondition)(p with { Pattern = q }))
            .Concat(ExprVariants(p.Subject, parameter).Where(e => e is not Num).Select(e => p with { Subject = e })),
        IntPatternTest p => PatternVariants(p.Pattern).Select(q => (FuzzCondition)(p with { Pattern = q })),
        FuzzLogical l => new[] { l.Left, l.Right },
        _ => Enumerable.Empty<FuzzCondition>(),
    };

    /// <summary>The parts of a combined pattern, each matched by some value already.</summary>
    private static IEnumerable<FuzzPattern> PatternVariants(FuzzPattern pattern) => pattern switch
    {
        FuzzAndOr a => new[] { a.Left, a.Right },
        FuzzNot n => new[] { n.Operand },
        _ => Enumerable.Empty<FuzzPattern>(),
    };

    /// <summary>
    /// Simpler expressions in place of <paramref name="e"/>: its operands, then constants and a parameter, then simpler
    /// operands inside it. A collection or int argument of a call is no double: it has no simpler form here.
    /// </summary>
    private static IEnumerable<FuzzExpr> ExprVariants(FuzzExpr e, string? parameter)
    {
        if (e is CollectionArg or IntArg or RefArg or InArg)
        {
            yield break;
        }

        ImmutableArray<FuzzExpr> children = Children(e);
        foreach (FuzzExpr child in children.Where(c => c is not CollectionArg and not IntArg and not RefArg and not InArg))
        {
            yield return child;
        }

        if (e is not Num)
        {
            yield return new Num(1.0);
        }

        if (e is not Var && e is not Num && parameter is not null)
        {
            yield return new Var(parameter);
        }

        for (int i = 0; i < children.Length; i++)
        {
            foreach (FuzzExpr simpler in ExprVariants(children[i], parameter))
            {
                yield return WithChild(e, i, simpler);
            }
        }

        if (e is Conditional conditional)
        {
            foreach (FuzzCondition condition in ConditionVariants(conditional.Condition, parameter))
            {
                yield return conditional with { Condition = condition };
            }
        }
    }

    private static ImmutableArray<FuzzExpr> Children(FuzzExpr e) => e switch
    {
        Neg n => ImmutableArray.Create(n.Operand),
        Binary b => ImmutableArray.Create(b.Left, b.Right),
        SafeDiv d => ImmutableArray.Create(d.Numerator, d.Den),
        Unary u => ImmutableArray.Create(u.Arg),
        PowInt p => ImmutableArray.Create(p.Base),
        PowVar p => ImmutableArray.Create(p.Base, p.Exponent),
        MinMax m => ImmutableArray.Create(m.Left, m.Right),
        Conditional c => ImmutableArray.Create(c.WhenTrue, c.WhenFalse),
        Call c => c.Arguments,
        LocalCall c => c.Arguments,
        _ => ImmutableArray<FuzzExpr>.Empty,
    };

    private static FuzzExpr WithChild(FuzzExpr e, int index, FuzzExpr child) => e switch
    {
        Neg n => n with { Operand = child },
        Binary b => index == 0 ? b with { Left = child } : b with { Right = child },
        SafeDiv d => index == 0 ? d with { Numerator = child } : d with { Den = child },
        Unary u => u with { Arg = child },
        PowInt p => p with { Base = child },
        PowVar p => index == 0 ? p with { Base = child } : p with { Exponent = child },
        MinMax m => index == 0 ? m with { Left = child } : m with { Right = child },
        Conditional c => index == 0 ? c with { WhenTrue = child } : c with { WhenFalse = child },
        Call c => c with { Arguments = c.Arguments.SetItem(index, child) },
        LocalCall c => c with { Arguments = c.Arguments.SetItem(index, child) },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "A leaf has no operands."),
    };
}
