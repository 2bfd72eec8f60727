using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Lowers a method's IR to the <see cref="Instr"/> form: nested expressions become one operation per
/// temporary, every assignment defines a new variable, and values merged after an if/else get a copy at
/// the end of each branch (a phi). Switches become if/else chains.
/// </summary>
/// <remarks>
/// Early returns and throws: an if (or switch) that contains a return or a throw gets the statements that follow it copied into
/// each of its branches, so every path ends in exactly one return and no jump is needed. Code after such
/// an if is therefore duplicated; ifs without a return are merged normally and duplicate nothing.
/// </remarks>
internal sealed class SsaLowering
{
    private readonly NameAllocator _names;
    private readonly Dictionary<string, CustomRuleModel> _rules;
    private readonly VariableRef _result;
    private Dictionary<string, VariableRef?> _env = new();

    private SsaLowering(MethodModel method, IEnumerable<CustomRuleModel> rules)
    {
        _names = new NameAllocator(SourceNames(method));
        _rules = rules.GroupBy(r => r.TargetKey).ToDictionary(g => g.Key, g => g.First());
        foreach (ParameterModel parameter in method.Parameters)
        {
            _names.ForSource(parameter.Name);
            if (parameter.Kind is { } kind)
            {
                _env[parameter.Name] = new VariableRef(kind, parameter.Name);
            }
        }

        _result = new VariableRef(method.ReturnKind, _names.Preferred("value"));
    }

    public static LoweredMethod Lower(MethodModel method, IEnumerable<CustomRuleModel> rules)
    {
        var lowering = new SsaLowering(method, rules);
        var body = new List<Instr>();
        if (!lowering.LowerSequence(new List<Stmt>(method.Body.Statements), body))
        {
            throw new InvalidOperationException($"'{method.Name}': a path reaches the end of the method without a return.");
        }

        return new LoweredMethod(body, lowering._result, method.Parameters.ToList(), lowering._names);
    }

    private static IEnumerable<string> SourceNames(MethodModel method)
    {
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        void Walk(Stmt statement)
        {
            switch (statement)
            {
                case LocalDeclaration d: names.Add(d.Name); break;
                case Block b: foreach (Stmt s in b.Statements) Walk(s); break;
                case If i: Walk(i.Then); if (i.Else is not null) Walk(i.Else); break;
                case Switch s: foreach (SwitchSection section in s.Sections) Walk(section.Body); break;
            }
        }

        Walk(method.Body);
        return names;
    }

    /// <summary>Lowers statements in order into <paramref name="output"/>; true when every path returned.</summary>
    private bool LowerSequence(List<Stmt> statements, List<Instr> output)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            Stmt statement = statements[i];
            switch (statement)
            {
                case Block block:
                    // Unique names make block scopes unnecessary; splicing keeps early returns in one sequence.
                    statements.RemoveAt(i);
                    statements.InsertRange(i, block.Statements);
                    i--;
                    break;
                case Switch switchStatement:
                    statements.RemoveAt(i);
                    statements.InsertRange(i, DesugarSwitch(switchStatement));
                    i--;
                    break;
                case If ifStatement when EndsSomePath(ifStatement):
                {
                    List<Stmt> rest = statements.Skip(i + 1).ToList();
                    var body = new List<Instr>();
                    Expr condition = LowerExpr(ifStatement.Condition, body);
                    Dictionary<string, VariableRef?> before = _env;
                    var thenBody = new List<Instr>();
                    _env = new Dictionary<string, VariableRef?>(before);
                    bool thenReturns = LowerSequence(ifStatement.Then.Statements.Concat(rest).ToList(), thenBody);
                    var elseBody = new List<Instr>();
                    _env = new Dictionary<string, VariableRef?>(before);
                    bool elseReturns = LowerSequence((ifStatement.Else?.Statements ?? EquatableArray<Stmt>.Empty).Concat(rest).ToList(), elseBody);
                    _env = before;
                    body.Add(new Branch(condition, thenBody, elseBody));
                    output.Add(new Group(ifStatement.Source, body));
                    return thenReturns && elseReturns;
                }

                case Return ret:
                {
                    var body = new List<Instr>();
                    LowerInto(ret.Value, _result, body);
                    output.Add(new Group(ret.Source, body));
                    return true;
                }

                case Throw thrown:
                {
                    // The holes are variables, which lower to atoms without instructions.
                    var none = new List<Instr>();
                    output.Add(new Group(thrown.Source, new List<Instr> { new Raise(thrown.Thrown.Map(read => LowerExpr(read, none))) }));
                    return true;
                }

                default:
                    output.Add(new Group(statement.Source, LowerSimple(statement)));
                    break;
            }
        }

        return false;
    }

    private List<Instr> LowerSimple(Stmt statement)
    {
        var body = new List<Instr>();
        switch (statement)
        {
            case LocalDeclaration { Initializer: null } declaration:
                _env[declaration.Name] = null;
                break;
            case LocalDeclaration declaration:
            {
                var target = new VariableRef(declaration.Kind, _names.ForSource(declaration.Name));
                LowerInto(declaration.Initializer!, target, body);
                _env[declaration.Name] = target;
                break;
            }

            case Assignment assignment:
            {
                var target = new VariableRef(assignment.Value.Kind, _names.ForSource(assignment.Name));
                LowerInto(assignment.Value, target, body);
                _env[assignment.Name] = target;
                break;
            }

            case If ifStatement:
                LowerMergingIf(ifStatement, body);
                break;
            default:
                throw new NotSupportedException($"The lowering does not support {statement.GetType().Name} statements yet (line {statement.Source.Line}).");
        }

        return body;
    }

    /// <summary>An if without returns: both branches fall through, and variables they change get a phi.</summary>
    private void LowerMergingIf(If ifStatement, List<Instr> body)
    {
        Expr condition = LowerExpr(ifStatement.Condition, body);
        Dictionary<string, VariableRef?> before = _env;
        var thenBody = new List<Instr>();
        _env = new Dictionary<string, VariableRef?>(before);
        LowerSequence(ifStatement.Then.Statements.ToList(), thenBody);
        Dictionary<string, VariableRef?> afterThen = _env;
        var elseBody = new List<Instr>();
        _env = new Dictionary<string, VariableRef?>(before);
        if (ifStatement.Else is not null)
        {
            LowerSequence(ifStatement.Else.Statements.ToList(), elseBody);
        }

        Dictionary<string, VariableRef?> afterElse = _env;
        _env = new Dictionary<string, VariableRef?>(before);
        var thenMerges = new List<Instr>();
        var elseMerges = new List<Instr>();
        var mergedNames = new List<string>();
        foreach (string name in before.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            VariableRef? fromThen = afterThen[name], fromElse = afterElse[name];
            if (fromThen is null || fromElse is null)
            {
                _env[name] = null; // assigned on one path only: C# rejects any later read
            }
            else if (fromThen.Name != fromElse.Name)
            {
                var merged = new VariableRef(fromThen.Kind, _names.ForSource(name));
                thenMerges.Add(new Define(merged, new CopyOp(fromThen)));
                elseMerges.Add(new Define(merged, new CopyOp(fromElse)));
                mergedNames.Add(name);
                _env[name] = merged;
            }
            else
            {
                _env[name] = fromThen;
            }
        }

        if (mergedNames.Count > 0)
        {
            // Each branch ends by copying the values it changed into the variables read after the if.
            var merge = new SourceInfo(ifStatement.Source.Line, ifStatement.Source.Text + " (merges " + string.Join(", ", mergedNames) + ")");
            thenBody.Add(new Group(merge, thenMerges));
            elseBody.Add(new Group(merge, elseMerges));
        }

        body.Add(new Branch(condition, thenBody, elseBody));
    }

    /// <summary>True when a path through <paramref name="statement"/> returns or throws: no value of that path reaches the join.</summary>
    private static bool EndsSomePath(Stmt statement) => statement switch
    {
        Return or Throw => true,
        Block b => b.Statements.Any(EndsSomePath),
        If i => EndsSomePath(i.Then) || (i.Else is not null && EndsSomePath(i.Else)),
        Switch s => s.Sections.Any(section => EndsSomePath(section.Body)),
        _ => false,
    };

    /// <summary>switch (g) { … } becomes: var g' = g; if (labels of section 1) … else if … else default.</summary>
    private IEnumerable<Stmt> DesugarSwitch(Switch statement)
    {
        string governingName = _names.NewSourceName("switchValue");
        var governing = new VariableRef(statement.Governing.Kind, governingName);
        _env[governingName] = null;
        yield return new LocalDeclaration(statement.Source, governingName, statement.Governing.Kind, statement.Governing);

        // The default section runs only when no other label matches, wherever it is written.
        List<SwitchSection> ordered = statement.Sections.Where(s => !s.Labels.Any(l => l is DiscardPattern))
            .Concat(statement.Sections.Where(s => s.Labels.Any(l => l is DiscardPattern))).ToList();
        Stmt? chain = null;
        for (int i = ordered.Count - 1; i >= 0; i--)
        {
            SwitchSection section = ordered[i];
            if (section.Labels.Any(l => l is DiscardPattern))
            {
                chain = section.Body;
                continue;
            }

            Expr condition = section.Labels.Select(l => PatternConditions.Of(l, governing)).Aggregate((a, b) => new Binary(ScalarKind.Bool, BinaryOperator.LogicalOr, a, b));
            Block? otherwise = chain switch
            {
                null => null,
                Block b => b,
                _ => new Block(chain.Source, EquatableArray.Of(chain)),
            };
            chain = new If(statement.Source, condition, section.Body, otherwise);
        }

        if (chain is not null)
        {
            yield return chain;
        }
    }

    /// <summary>Lowers <paramref name="expr"/> so that its value ends up in <paramref name="target"/>.</summary>
    private void LowerInto(Expr expr, VariableRef target, List<Instr> output)
    {
        switch (expr)
        {
            case Conditional conditional:
                LowerConditional(conditional.Condition, conditional.WhenTrue, conditional.WhenFalse, target, output);
                return;
            case Binary { Operator: BinaryOperator.LogicalAnd } and:
                LowerConditional(and.Left, and.Right, new Constant(ScalarKind.Bool, 0), target, output);
                return;
            case Binary { Operator: BinaryOperator.LogicalOr } or:
                LowerConditional(or.Left, new Constant(ScalarKind.Bool, 1), or.Right, target, output);
                return;
            case SwitchExpression switchExpression:
                LowerSwitchExpression(switchExpression, target, output);
                return;
        }

        Op? op = LowerOp(expr, output);
        output.Add(new Define(target, op ?? new CopyOp(LowerExpr(expr, output))));
    }

    /// <summary>The operation computing <paramref name="expr"/> from atoms, or null when it is already an atom.</summary>
    private Op? LowerOp(Expr expr, List<Instr> output)
    {
        switch (expr)
        {
            case MemberRead read:
                return new ReadOp(read.Code);
            case Unary unary:
                return new UnaryOp(unary.Operator, LowerExpr(unary.Operand, output));
            case Binary binary:
                return new BinaryOp(binary.Operator, LowerExpr(binary.Left, output), LowerExpr(binary.Right, output), binary.Span);
            case Conversion conversion when conversion.Operand.Kind != conversion.Kind:
                return new ConvertOp(conversion.Kind, LowerExpr(conversion.Operand, output), conversion.Span);
            case MathCall math:
                return new MathOp(math.Function, math.Container, math.Arguments.Select(a => LowerExpr(a, output)).ToList());
            case UserCall call:
            {
                List<Expr> arguments = call.Arguments.Select(a => LowerExpr(a, output)).ToList();
                List<string?> partials = call.Callee.Parameters
                    .Select(p => p.IsDifferentiable ? _names.Preferred(call.Callee.Name + "_d" + p.Name) : null).ToList();
                _rules.TryGetValue(call.Callee.Key, out CustomRuleModel? rule);
                return new CallOp(call.Callee, rule, arguments, partials);
            }

            case ElementRead or LengthOf or CollectionRef:
                throw new NotSupportedException("Element access is not supported by the lowering yet.");
            default:
                return null;
        }
    }

    /// <summary>Lowers <paramref name="expr"/> and returns an atom holding its value.</summary>
    private Expr LowerExpr(Expr expr, List<Instr> output)
    {
        switch (expr)
        {
            case Constant:
                return expr;
            case VariableRef variable:
                return _env.TryGetValue(variable.Name, out VariableRef? current) && current is not null
                    ? current
                    : throw new InvalidOperationException($"'{variable.Name}' is read before it is assigned.");
            case Conversion { Operand: Constant c } conversion:
                return new Constant(conversion.Kind, conversion.Kind == ScalarKind.Float ? (float)c.Value
                    : conversion.Kind == ScalarKind.Int ? Math.Truncate(c.Value) : c.Value);
            case Conversion conversion when conversion.Operand.Kind == conversion.Kind:
                return LowerExpr(conversion.Operand, output);
        }

        // Operands first, then the temporary: temporaries are numbered in the order they are computed.
        if (expr is not (Conditional or SwitchExpression or Binary { Operator: BinaryOperator.LogicalAnd or BinaryOperator.LogicalOr }) &&
            LowerOp(expr, output) is { } op)
        {
            var computed = new VariableRef(expr.Kind, _names.Fresh("t"));
            output.Add(new Define(computed, op));
            return computed;
        }

        var temp = new VariableRef(expr.Kind, _names.Fresh("t"));
        LowerInto(expr, temp, output);
        return temp;
    }

    private void LowerConditional(Expr condition, Expr whenTrue, Expr whenFalse, VariableRef target, List<Instr> output)
    {
        Expr test = LowerExpr(condition, output);
        var thenBody = new List<Instr>();
        LowerInto(whenTrue, target, thenBody);
        var elseBody = new List<Instr>();
        LowerInto(whenFalse, target, elseBody);
        output.Add(new Branch(test, thenBody, elseBody));
    }

    private void LowerSwitchExpression(SwitchExpression switchExpression, VariableRef target, List<Instr> output)
    {
        // Bind the tested value to a variable of its own, like a switch statement's, so patterns can read it.
        string governingName = _names.NewSourceName("switchValue");
        var governingValue = new VariableRef(switchExpression.Governing.Kind, _names.ForSource(governingName));
        LowerInto(switchExpression.Governing, governingValue, output);
        _env[governingName] = governingValue;
        var governing = new VariableRef(switchExpression.Governing.Kind, governingName);
        List<Instr> current = output;
        foreach (SwitchArm arm in switchExpression.Arms)
        {
            if (arm.Pattern is DiscardPattern)
            {
                LowerInto(arm.Value, target, current);
                return;
            }

            Expr test = LowerExpr(PatternConditions.Of(arm.Pattern, governing), current);
            var thenBody = new List<Instr>();
            LowerInto(arm.Value, target, thenBody);
            var elseBody = new List<Instr>();
            current.Add(new Branch(test, thenBody, elseBody));
            current = elseBody;
        }

        current.Add(new NoMatch(governingValue, switchExpression.HasSwitchExpressionException));
    }
}
