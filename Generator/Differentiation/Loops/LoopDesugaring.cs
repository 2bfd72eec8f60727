using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation.Loops;

/// <summary>
/// Turns a method's IR into the loop form: every local gets a unique name (so all can be declared at the
/// top), switches become if chains, for/while/do/foreach become <see cref="LLoop"/>, and break, continue
/// and return become flags: a statement that may set one guards the statements after it with an if, and a
/// loop whose body may set one tests it in its condition.
/// </summary>
internal sealed class LoopDesugaring
{
    private readonly NameAllocator _names;
    private readonly List<VariableRef> _locals = new();
    private readonly List<CollectionRef> _arrays = new();

    // The values switches test, read by conditions only: never differentiated.
    private readonly List<string> _passive = new();
    private readonly VariableRef _result;
    private readonly bool _needsReturnFlag;
    private readonly string _methodName;
    private Dictionary<string, string> _env = new();
    private VariableRef? _returned;
    private LoopContext? _loop;
    private int _nextId;

    private sealed class LoopContext
    {
        public VariableRef? Break;
        public VariableRef? Continue;
    }

    private LoopDesugaring(MethodModel method)
    {
        _methodName = method.Name;
        _names = new NameAllocator(SourceNames(method));
        foreach (ParameterModel parameter in method.Parameters)
        {
            _env[parameter.Name] = _names.ForSource(parameter.Name);
        }

        _result = new VariableRef(method.ReturnKind, _names.Preferred("value"));
        // The return flag is needed when some return is not the method's last statement.
        List<Stmt> top = method.Body.Statements.ToList();
        _needsReturnFlag = top.Take(top.Count - 1).Any(MayReturn) || (top.Count > 0 && top[top.Count - 1] is not Return && MayReturn(top[top.Count - 1]));
    }

    public static LoopMethod Desugar(MethodModel method)
    {
        var desugaring = new LoopDesugaring(method);
        List<LStmt> body = desugaring.Sequence(method.Body.Statements);
        return new LoopMethod(body, desugaring._locals, desugaring._arrays, desugaring._result, desugaring._names) { Passive = desugaring._passive };
    }

    /// <summary>True when the method needs the loop form: a loop, an element access, a span or array anywhere.</summary>
    public static bool Applies(MethodModel method) =>
        method.Parameters.Any(p => p.Shape != ValueShape.Scalar) || method.Body.Statements.Any(NeedsLoopForm);

    private static bool NeedsLoopForm(Stmt statement) => statement switch
    {
        While or DoWhile or For or ForEach or LocalArray or ElementAssignment or CallStatement => true,
        Block b => b.Statements.Any(NeedsLoopForm),
        If i => NeedsLoopForm(i.Then) || (i.Else is not null && NeedsLoopForm(i.Else)) || UsesCollections(i.Condition),
        Switch s => s.Sections.Any(section => NeedsLoopForm(section.Body)) || UsesCollections(s.Governing),
        LocalDeclaration { Initializer: { } init } => UsesCollections(init),
        Assignment a => UsesCollections(a.Value),
        Return r => UsesCollections(r.Value),
        _ => false,
    };

    private static bool UsesCollections(Expr expr) => expr switch
    {
        ElementRead or LengthOf or CollectionRef => true,
        Unary u => UsesCollections(u.Operand),
        Binary b => UsesCollections(b.Left) || UsesCollections(b.Right),
        Conversion c => UsesCollections(c.Operand),
        Conditional c => UsesCollections(c.Condition) || UsesCollections(c.WhenTrue) || UsesCollections(c.WhenFalse),
        MathCall m => m.Arguments.Any(UsesCollections),
        UserCall u => u.Arguments.Any(UsesCollections),
        SwitchExpression s => UsesCollections(s.Governing) || s.Arms.Any(a => UsesCollections(a.Value)),
        _ => false,
    };

    private static IEnumerable<string> SourceNames(MethodModel method)
    {
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        void Walk(Stmt statement)
        {
            switch (statement)
            {
                case LocalDeclaration d: names.Add(d.Name); break;
                case LocalArray a: names.Add(a.Name); break;
                case Block b: foreach (Stmt s in b.Statements) Walk(s); break;
                case If i: Walk(i.Then); if (i.Else is not null) Walk(i.Else); break;
                case Switch s: foreach (SwitchSection section in s.Sections) Walk(section.Body); break;
                case While w: Walk(w.Body); break;
                case DoWhile d: Walk(d.Body); break;
                case For f: foreach (Stmt s in f.Initializers) Walk(s); Walk(f.Body); break;
                case ForEach fe: names.Add(fe.Variable); Walk(fe.Body); break;
            }
        }

        Walk(method.Body);
        return names;
    }

    private static bool MayReturn(Stmt statement) => statement switch
    {
        Return => true,
        Block b => b.Statements.Any(MayReturn),
        If i => MayReturn(i.Then) || (i.Else is not null && MayReturn(i.Else)),
        Switch s => s.Sections.Any(section => MayReturn(section.Body)),
        While w => MayReturn(w.Body),
        DoWhile d => MayReturn(d.Body),
        For f => MayReturn(f.Body),
        ForEach fe => MayReturn(fe.Body),
        _ => false,
    };

    /// <summary>True when <paramref name="statement"/> may run a break (or continue) of the loop it is in.</summary>
    private static bool MayJump(Stmt statement, bool isBreak) => statement switch
    {
        Break => isBreak,
        Continue => !isBreak,
        Block b => b.Statements.Any(s => MayJump(s, isBreak)),
        If i => MayJump(i.Then, isBreak) || (i.Else is not null && MayJump(i.Else, isBreak)),
        Switch s => s.Sections.Any(section => MayJump(section.Body, isBreak)),
        _ => false,
    };

    private static bool Assigns(Stmt statement, string name) => statement switch
    {
        Assignment a => a.Name == name,
        Block b => b.Statements.Any(s => Assigns(s, name)),
        If i => Assigns(i.Then, name) || (i.Else is not null && Assigns(i.Else, name)),
        Switch s => s.Sections.Any(section => Assigns(section.Body, name)),
        While w => Assigns(w.Body, name),
        DoWhile d => Assigns(d.Body, name),
        For f => f.Initializers.Any(s => Assigns(s, name)) || f.Incrementors.Any(s => Assigns(s, name)) || Assigns(f.Body, name),
        ForEach fe => Assigns(fe.Body, name),
        _ => false,
    };

    private VariableRef NewLocal(ScalarKind kind, string preferred)
    {
        var local = new VariableRef(kind, _names.Preferred(preferred));
        _locals.Add(local);
        return local;
    }

    private VariableRef Declare(string sourceName, ScalarKind kind)
    {
        var local = new VariableRef(kind, _names.ForSource(sourceName));
        _env[sourceName] = local.Name;
        _locals.Add(local);
        return local;
    }

    private static Expr True => new Constant(ScalarKind.Bool, 1);

    private static Expr Not(Expr e) => new Unary(ScalarKind.Bool, UnaryOperator.LogicalNot, e);

    private static Expr And(Expr a, Expr b) => new Binary(ScalarKind.Bool, BinaryOperator.LogicalAnd, a, b);

    private static Expr Or(Expr a, Expr b) => new Binary(ScalarKind.Bool, BinaryOperator.LogicalOr, a, b);

    private List<LStmt> Scoped(IEnumerable<Stmt> statements)
    {
        Dictionary<string, string> saved = _env;
        _env = new Dictionary<string, string>(saved);
        try
        {
            return Sequence(statements.ToList());
        }
        finally
        {
            _env = saved;
        }
    }

    private List<LStmt> Sequence(IReadOnlyList<Stmt> statements)
    {
        var output = new List<LStmt>();
        for (int i = 0; i < statements.Count; i++)
        {
            Stmt statement = statements[i];
            output.AddRange(Statement(statement));
            if (i == statements.Count - 1 || statement is Throw)
            {
                // Nothing after a throw runs (the compiler warns of it): an LThrow is always its list's last statement.
                break;
            }

            // The statements after one that may break, continue or return run only if it did not.
            var flags = new List<Expr>();
            if (_loop is not null && MayJump(statement, isBreak: true)) flags.Add(_loop.Break!);
            if (_loop is not null && MayJump(statement, isBreak: false)) flags.Add(_loop.Continue!);
            if (MayReturn(statement) && _returned is not null) flags.Add(_returned);
            if (flags.Count > 0)
            {
                List<LStmt> rest = Sequence(statements.Skip(i + 1).ToList());
                output.Add(new LIf(null, _nextId++, Not(flags.Aggregate(Or)), rest, Array.Empty<LStmt>()));
                break;
            }
        }

        return output;
    }

    private List<LStmt> Statement(Stmt statement)
    {
        switch (statement)
        {
            case Block block:
                return Scoped(block.Statements);
            case LocalDeclaration declaration:
            {
                var output = new List<LStmt>();
                Expr? initializer = declaration.Initializer is { } init ? HoistBranchOnlyArms(Rewrite(init), statement.Source, output) : null;
                VariableRef local = Declare(declaration.Name, declaration.Kind);
                if (initializer is not null) output.Add(new LAssign(statement.Source, local, initializer));
                return output;
            }

            case Assignment assignment:
            {
                var output = new List<LStmt>();
                Expr value = HoistBranchOnlyArms(Rewrite(assignment.Value), statement.Source, output);
                output.Add(new LAssign(statement.Source, new VariableRef(assignment.Value.Kind, _env[assignment.Name]), value));
                return output;
            }

            case ElementAssignment store:
            {
                var output = new List<LStmt>();
                Expr value = HoistBranchOnlyArms(Rewrite(store.Value), statement.Source, output);
                output.Add(new LStore(statement.Source, RewriteCollection((CollectionRef)store.Collection), Rewrite(store.Index), value));
                return output;
            }

            case LocalArray array:
            {
                Expr length = Rewrite(array.Length);
                var collection = new CollectionRef(array.Kind, ValueShape.Span, _names.ForSource(array.Name));
                _env[array.Name] = collection.Name;
                _arrays.Add(collection);
                return new List<LStmt> { new LArray(statement.Source, collection, length) };
            }

            case If ifStatement:
                return new List<LStmt>
                {
                    new LIf(statement.Source, _nextId++, Rewrite(ifStatement.Condition), Scoped(ifStatement.Then.Statements),
                        ifStatement.Else is null ? Array.Empty<LStmt>() : Scoped(ifStatement.Else.Statements)),
                };
            case Switch switchStatement:
                return DesugarSwitch(switchStatement);
            case Return ret:
            {
                var output = new List<LStmt>();
                Expr value = HoistBranchOnlyArms(Rewrite(ret.Value), statement.Source, output);
                output.Add(new LAssign(statement.Source, _result, value));
                if (_needsReturnFlag)
                {
                    _returned ??= NewLocal(ScalarKind.Bool, "returned");
                    output.Add(new LAssign(null, _returned, True));
                }

                return output;
            }

            case Throw thrown:
                return new List<LStmt> { new LThrow(statement.Source, thrown.Thrown.Map(Rewrite)) };
            case Break:
                return new List<LStmt> { new LAssign(statement.Source, _loop!.Break!, True) };
            case Continue:
                return new List<LStmt> { new LAssign(statement.Source, _loop!.Continue!, True) };
            case While loop:
                return MakeLoop(statement.Source, null, Rewrite(loop.Condition), loop.Body.Statements, Array.Empty<Stmt>(), prefix: null);
            case DoWhile doLoop:
            {
                // do { B } while (c)  ≡  first = true; while (first || c) { first = false; B }
                VariableRef first = NewLocal(ScalarKind.Bool, "firstIteration");
                var output = new List<LStmt> { new LAssign(statement.Source, first, True) };
                output.AddRange(MakeLoop(statement.Source, null, Or(first, Rewrite(doLoop.Condition)), doLoop.Body.Statements, Array.Empty<Stmt>(),
                    prefix: new LAssign(null, first, new Constant(ScalarKind.Bool, 0))));
                return output;
            }

            case For forLoop:
                return DesugarFor(forLoop);
            case ForEach forEach:
            {
                Dictionary<string, string> saved = _env;
                _env = new Dictionary<string, string>(saved);
                try
                {
                    CollectionRef collection = RewriteCollection((CollectionRef)forEach.Collection);
                    VariableRef index = NewLocal(ScalarKind.Int, forEach.Variable + "Index");
                    VariableRef variable = Declare(forEach.Variable, forEach.Kind);
                    Expr element = new ElementRead(collection.Kind, collection, index);
                    if (element.Kind != forEach.Kind)
                    {
                        element = new Conversion(forEach.Kind, element);
                    }

                    var counter = new LoopCounter(index, new Constant(ScalarKind.Int, 0), 1);
                    Expr condition = new Binary(ScalarKind.Bool, BinaryOperator.Less, index, new LengthOf(collection));
                    return MakeLoop(statement.Source, counter, condition, forEach.Body.Statements, Array.Empty<Stmt>(), new LAssign(null, variable, element));
                }
                finally
                {
                    _env = saved;
                }
            }

            default:
                throw new NotSupportedException($"The loop form does not support {statement.GetType().Name} statements (line {statement.Source?.Line}).");
        }
    }

    private List<LStmt> DesugarFor(For forLoop)
    {
        Dictionary<string, string> saved = _env;
        _env = new Dictionary<string, string>(saved);
        try
        {
            // for (int i = a; …; i++ or i--) with i untouched by the body: a counted loop.
            if (forLoop.Initializers.Count == 1 && forLoop.Initializers[0] is LocalDeclaration { Kind: ScalarKind.Int, Initializer: { } start } declaration &&
                forLoop.Incrementors.Count == 1 && forLoop.Incrementors[0] is Assignment
                {
                    Value: Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Left: VariableRef stepped, Right: Constant { Value: 1 } } step,
                } increment &&
                increment.Name == declaration.Name && stepped.Name == declaration.Name && !Assigns(forLoop.Body, declaration.Name))
            {
                Expr startValue = Rewrite(start);
                VariableRef counter = Declare(declaration.Name, ScalarKind.Int);
                Expr condition = forLoop.Condition is null ? True : Rewrite(forLoop.Condition);
                return MakeLoop(forLoop.Source, new LoopCounter(counter, startValue, step.Operator == BinaryOperator.Add ? 1 : -1), condition,
                    forLoop.Body.Statements, Array.Empty<Stmt>(), prefix: null);
            }

            var output = new List<LStmt>();
            foreach (Stmt initializer in forLoop.Initializers)
            {
                output.AddRange(Statement(initializer));
            }

            Expr general = forLoop.Condition is null ? True : Rewrite(forLoop.Condition);
            output.AddRange(MakeLoop(forLoop.Source, null, general, forLoop.Body.Statements, forLoop.Incrementors, prefix: null));
            return output;
        }
        finally
        {
            _env = saved;
        }
    }

    private List<LStmt> MakeLoop(SourceInfo? source, LoopCounter? counter, Expr condition, IReadOnlyList<Stmt> body, IReadOnlyList<Stmt> step, LStmt? prefix)
    {
        LoopContext? outer = _loop;
        var context = new LoopContext();
        _loop = context;
        try
        {
            var bodyAsBlock = new Block(source ?? new SourceInfo(0, ""), body.ToEquatableArray());
            if (MayJump(bodyAsBlock, isBreak: true)) context.Break = NewLocal(ScalarKind.Bool, "breakLoop");
            if (MayJump(bodyAsBlock, isBreak: false)) context.Continue = NewLocal(ScalarKind.Bool, "continueLoop");
            bool mayReturn = MayReturn(bodyAsBlock);
            if (mayReturn) _returned ??= NewLocal(ScalarKind.Bool, "returned");

            var loweredBody = new List<LStmt>();
            if (context.Continue is not null) loweredBody.Add(new LAssign(null, context.Continue, new Constant(ScalarKind.Bool, 0)));
            if (prefix is not null) loweredBody.Add(prefix);
            loweredBody.AddRange(Scoped(body));

            List<LStmt> loweredStep = Scoped(step);
            var exits = new List<Expr>();
            if (context.Break is not null) exits.Add(context.Break);
            if (mayReturn) exits.Add(_returned!);
            if (exits.Count > 0 && loweredStep.Count > 0)
            {
                // The incrementors do not run after a break or a return.
                loweredStep = new List<LStmt> { new LIf(null, _nextId++, Not(exits.Aggregate(Or)), loweredStep, Array.Empty<LStmt>()) };
            }

            Expr guarded = exits.Count == 0 ? condition : And(Not(exits.Aggregate(Or)), condition);
            var output = new List<LStmt>();
            if (context.Break is not null) output.Add(new LAssign(null, context.Break, new Constant(ScalarKind.Bool, 0)));
            output.Add(new LLoop(source, _nextId++, counter, guarded, loweredBody, loweredStep));
            return output;
        }
        finally
        {
            _loop = outer;
        }
    }

    private List<LStmt> DesugarSwitch(Switch statement)
    {
        VariableRef governing = NewLocal(statement.Governing.Kind, "switchValue");
        _passive.Add(governing.Name);
        var output = new List<LStmt> { new LAssign(statement.Source, governing, Rewrite(statement.Governing)) };
        List<SwitchSection> ordered = statement.Sections.Where(s => !s.Labels.Any(l => l is DiscardPattern))
            .Concat(statement.Sections.Where(s => s.Labels.Any(l => l is DiscardPattern))).ToList();
        IReadOnlyList<LStmt> chain = Array.Empty<LStmt>();
        for (int i = ordered.Count - 1; i >= 0; i--)
        {
            SwitchSection section = ordered[i];
            List<LStmt> body = Scoped(section.Body.Statements);
            if (section.Labels.Any(l => l is DiscardPattern))
            {
                chain = body;
                continue;
            }

            Expr condition = section.Labels.Select(l => PatternConditions.Of(l, governing)).Aggregate(Or);
            chain = new List<LStmt> { new LIf(statement.Source, _nextId++, condition, body, chain) };
        }

        output.AddRange(chain);
        return output;
    }

    /// <summary>
    /// Moves each <c>?:</c> of a differentiated value whose arm may only be evaluated on its own side (a call, an
    /// element read, a division) into an if that assigns a local of its own, and returns the value reading that local.
    /// The reverse sweep of an expression evaluates every intermediate it needs unconditionally, so inside the
    /// expression such an arm would run in the reverse sweep even where the forward sweep did not take it: a recursive
    /// call whose base case the ?: chooses would recurse forever, a guarded index would go out of range, a guarded
    /// Log(x) or 1 / x would turn its zero adjoint into NaN. As an if, its reverse retraces the branch the forward took.
    /// Arms of additions and products alone stay inline: evaluating them on the wrong side is harmless and costs no push.
    /// </summary>
    private Expr HoistBranchOnlyArms(Expr expr, SourceInfo? source, List<LStmt> output)
    {
        switch (expr)
        {
            case Conditional c when !SafeOnEitherSide(c.WhenTrue) || !SafeOnEitherSide(c.WhenFalse):
            {
                VariableRef chosen = NewLocal(c.Kind, "chosen");
                // The statement's line is named once, at the outermost if.
                var then = new List<LStmt>();
                then.Add(new LAssign(null, chosen, HoistBranchOnlyArms(c.WhenTrue, null, then)));
                var otherwise = new List<LStmt>();
                otherwise.Add(new LAssign(null, chosen, HoistBranchOnlyArms(c.WhenFalse, null, otherwise)));
                output.Add(new LIf(source, _nextId++, c.Condition, then, otherwise));
                return chosen;
            }

            case SwitchExpression s when s.Arms.Count > 0:
            {
                // A switch expression that may match no arm (the others are conditionals already): the governing value once,
                // then the throw of the method's other entries when no arm matches, then the arms as a conditional whose
                // last arm needs no test. Only reached where the expression is evaluated unconditionally (MethodParser checks).
                VariableRef value = NewLocal(s.Governing.Kind, "switchValue");
                _passive.Add(value.Name);
                output.Add(new LAssign(source, value, HoistBranchOnlyArms(s.Governing, source, output)));
                Expr matched = s.Arms.Select(a => PatternConditions.Of(a.Pattern, value)).Aggregate(Or);
                ThrownExpression noArm = SwitchNoMatch.Thrown(_methodName, value, s.HasSwitchExpressionException);
                output.Add(new LIf(null, _nextId++, Not(matched), new LStmt[] { new LThrow(null, noArm) }, Array.Empty<LStmt>()));
                Expr chosen = s.Arms[s.Arms.Count - 1].Value;
                for (int i = s.Arms.Count - 2; i >= 0; i--)
                {
                    chosen = new Conditional(s.Kind, PatternConditions.Of(s.Arms[i].Pattern, value), s.Arms[i].Value, chosen);
                }

                return HoistBranchOnlyArms(chosen, null, output);
            }

            case Conditional c:
                return c;
            case Unary u:
                return u with { Operand = HoistBranchOnlyArms(u.Operand, source, output) };
            case Binary b when b.Operator is not (BinaryOperator.LogicalAnd or BinaryOperator.LogicalOr):
            {
                // Left first: the ifs run in the order the operands are evaluated.
                Expr left = HoistBranchOnlyArms(b.Left, source, output);
                return b with { Left = left, Right = HoistBranchOnlyArms(b.Right, source, output) };
            }

            case Conversion c:
                return c with { Operand = HoistBranchOnlyArms(c.Operand, source, output) };
            case MathCall m:
                return m with { Arguments = m.Arguments.Select(a => HoistBranchOnlyArms(a, source, output)).ToEquatableArray() };
            case UserCall u:
                return u with { Arguments = u.Arguments.Select(a => a is CollectionRef ? a : HoistBranchOnlyArms(a, source, output)).ToEquatableArray() };
            default:
                return expr;
        }
    }

    /// <summary>True when evaluating <paramref name="expr"/>, and its partials, where the program would not is harmless.</summary>
    private static bool SafeOnEitherSide(Expr expr) => expr switch
    {
        Constant or VariableRef or LengthOf => true,
        Unary u => SafeOnEitherSide(u.Operand),
        Conversion c => SafeOnEitherSide(c.Operand),
        Binary b => b.Operator is not (BinaryOperator.Divide or BinaryOperator.Remainder) && SafeOnEitherSide(b.Left) && SafeOnEitherSide(b.Right),
        Conditional c => SafeOnEitherSide(c.Condition) && SafeOnEitherSide(c.WhenTrue) && SafeOnEitherSide(c.WhenFalse),
        _ => false,
    };

    private CollectionRef RewriteCollection(CollectionRef collection) => collection with
    {
        Name = _env.TryGetValue(collection.Name, out string? name) ? name : collection.Name,
        View = collection.View is { } view ? new SpanView(Rewrite(view.Start), Rewrite(view.Length)) : null,
    };

    /// <summary>The expression with the unique names of its variables; switch expressions become conditionals.</summary>
    private Expr Rewrite(Expr expr) => expr switch
    {
        VariableRef v => v with { Name = _env.TryGetValue(v.Name, out string? name) ? name : v.Name },
        CollectionRef c => RewriteCollection(c),
        ElementRead e => new ElementRead(e.Kind, Rewrite(e.Collection), Rewrite(e.Index)),
        LengthOf l => new LengthOf(Rewrite(l.Collection)),
        Unary u => u with { Operand = Rewrite(u.Operand) },
        Binary b => b with { Left = Rewrite(b.Left), Right = Rewrite(b.Right) },
        Conversion c => c with { Operand = Rewrite(c.Operand) },
        Conditional c => new Conditional(c.Kind, Rewrite(c.Condition), Rewrite(c.WhenTrue), Rewrite(c.WhenFalse)),
        MathCall m => m with { Arguments = m.Arguments.Select(Rewrite).ToEquatableArray() },
        UserCall u => u with { Arguments = u.Arguments.Select(Rewrite).ToEquatableArray() },
        SwitchExpression s => RewriteSwitchExpression(s),
        _ => expr,
    };

    private Expr RewriteSwitchExpression(SwitchExpression s)
    {
        if (s.Arms.Count == 0 || s.Arms[s.Arms.Count - 1].Pattern is not DiscardPattern)
        {
            // One that may match no arm stays a switch: HoistBranchOnlyArms turns it into a test that throws, then a conditional.
            return s with { Governing = Rewrite(s.Governing), Arms = s.Arms.Select(a => a with { Value = Rewrite(a.Value) }).ToEquatableArray() };
        }

        Expr governing = Rewrite(s.Governing);
        Expr result = Rewrite(s.Arms[s.Arms.Count - 1].Value);
        for (int i = s.Arms.Count - 2; i >= 0; i--)
        {
            result = new Conditional(s.Kind, PatternConditions.Of(s.Arms[i].Pattern, governing), Rewrite(s.Arms[i].Value), result);
        }

        return result;
    }
}
