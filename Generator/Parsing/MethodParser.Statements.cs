using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

internal sealed partial class MethodParser
{
    // What encloses the statement being parsed, innermost last: true for a loop, false for a switch.
    private readonly List<bool> _breakTargets = new();

    private bool InLoop => _breakTargets.Contains(true);

    private Block? ParseBody()
    {
        if (_syntax.ExpressionBody is { } arrow)
        {
            // What the expression needs run first (a LINQ reduction's loop) goes before it.
            Stmt? statement = ReturnsVoid ? ParseStatementExpression(arrow.Expression, Source(arrow))
                : ParseConverted(arrow.Expression) is { } value ? new Return(Source(arrow), value) : null;
            return statement is null ? null : new Block(Source(arrow), TakeBeforeStatement().Append(statement).ToEquatableArray());
        }

        if (_syntax.Body is not { } body)
        {
            return null;
        }

        // A void method's closing 'return;' changes nothing; any other would have to jump out of the caller's statements once inlined.
        return ReturnsVoid && body.Statements.LastOrDefault() is ReturnStatementSyntax { Expression: null }
            ? ParseStatementList(body, body.Statements.Take(body.Statements.Count - 1))
            : ParseBlock(body);
    }

    private Block? ParseBlock(BlockSyntax block) => ParseStatementList(block, block.Statements);

    private Block? ParseStatementList(SyntaxNode owner, IEnumerable<StatementSyntax> statements)
    {
        var parsed = new List<Stmt>();
        bool ok = true;
        foreach (StatementSyntax statement in statements)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            List<Stmt>? lowered = ParseStatement(statement);
            if (lowered is null)
            {
                ok = false;
            }
            else
            {
                parsed.AddRange(lowered);
            }
        }

        return ok ? new Block(Source(owner, "{"), parsed.ToEquatableArray()) : null;
    }

    private Block? ParseEmbedded(StatementSyntax statement) =>
        statement is BlockSyntax block ? ParseBlock(block) : ParseStatementList(statement, new[] { statement });

    // What a statement's expressions need done just before it: locals declared by out arguments (Split(x, out double a,
    // out double b);), the increments of int variables inside expressions (h[n++] = v;, MethodParser.Increments), and the
    // bodies of local functions it calls (MethodParser.LocalFunctions).
    private readonly List<Stmt> _beforeStatement = new();

    /// <summary>One source statement becomes zero or more IR statements (a declaration of several locals becomes several).</summary>
    private List<Stmt>? ParseStatement(StatementSyntax statement)
    {
        // An if's condition may need statements before the if (a local function's body); its branches' statements have their own.
        List<Stmt> enclosing = TakeBeforeStatement();
        List<Stmt>? parsed = ParseOneStatement(statement);
        List<Stmt> before = TakeBeforeStatement();
        _beforeStatement.AddRange(enclosing);
        if (parsed is null || before.Count == 0 || statement is BlockSyntax)
        {
            return parsed;
        }

        before.AddRange(parsed);
        return before;
    }

    private List<Stmt>? ParseOneStatement(StatementSyntax statement)
    {
        switch (statement)
        {
            case BlockSyntax block:
                return ParseBlock(block) is { } b ? new List<Stmt> { b } : null;
            case EmptyStatementSyntax:
                return new List<Stmt>();
            case LocalDeclarationStatementSyntax declaration:
                return ParseLocalDeclaration(declaration);
            case ExpressionStatementSyntax expression:
                return ParseExpressionStatement(expression) is { } s ? new List<Stmt> { s } : null;
            case ReturnStatementSyntax { Expression: null } ret when ReturnsVoid:
                ReportUnsupportedStatement(ret.ReturnKeyword, "'return;' before the end of a method that returns void",
                    "let the method run to its end (with if/else), since its statements stand in for each call to it");
                return null;
            case ReturnStatementSyntax { Expression: { } value } ret:
                return ParseConverted(value, _method.ReturnType) is { } v ? new List<Stmt> { new Return(Source(ret), v) } : null;
            case IfStatementSyntax ifStatement:
                return ParseIf(ifStatement) is { } i ? new List<Stmt> { i } : null;
            case SwitchStatementSyntax switchStatement:
                return ParseSwitch(switchStatement) is { } sw ? new List<Stmt> { sw } : null;
            case ForStatementSyntax f:
                return ParseLoop(() => ParseFor(f));
            case WhileStatementSyntax w:
                return ParseLoop(() => ParseWhile(w));
            case DoStatementSyntax d:
                return ParseLoop(() => ParseDo(d));
            case ForEachStatementSyntax fe:
                return ParseLoop(() => ParseForEach(fe));
            case CommonForEachStatementSyntax fe:
                ReportUnsupportedStatement(fe.ForEachKeyword, "a deconstructing 'foreach'", "iterate with one variable: foreach (double v in values)");
                return null;
            case GotoStatementSyntax g:
                ReportUnsupportedStatement(g.GotoKeyword, "'goto'", "use if/else or switch instead");
                return null;
            case TryStatementSyntax t:
                ReportUnsupportedStatement(t.TryKeyword, "try/catch/finally", "handle errors in the caller; a derivative cannot flow through an exception handler");
                return null;
            case UnsafeStatementSyntax u:
                ReportUnsupportedStatement(u.UnsafeKeyword, "an 'unsafe' block", "use safe code");
                return null;
            case FixedStatementSyntax fx:
                ReportUnsupportedStatement(fx.FixedKeyword, "a 'fixed' statement", "use safe code");
                return null;
            case LockStatementSyntax l:
                ReportUnsupportedStatement(l.LockKeyword, "a 'lock' statement", "take the lock in the caller");
                return null;
            case YieldStatementSyntax y:
                ReportUnsupportedStatement(y.YieldKeyword, "'yield'", "a differentiable method returns one double or float value");
                return null;
            case UsingStatementSyntax us:
                ReportUnsupportedStatement(us.UsingKeyword, "a 'using' statement", "move resource handling to the caller");
                return null;
            case CheckedStatementSyntax c:
                ReportUnsupportedStatement(c.Keyword, "a '" + c.Keyword.Text + "' block", "remove it");
                return null;
            case ThrowStatementSyntax th:
                return ParseThrow(th);
            case BreakStatementSyntax br when _breakTargets.Count > 0 && _breakTargets[_breakTargets.Count - 1]:
                return new List<Stmt> { new Break(Source(br)) };
            case BreakStatementSyntax br:
                ReportUnsupportedStatement(br.BreakKeyword, "'break' before the end of a switch section", "restructure the section with if/else");
                return null;
            case ContinueStatementSyntax co when InLoop:
                return new List<Stmt> { new Continue(Source(co)) };
            case ContinueStatementSyntax co:
                ReportUnsupportedStatement(co.ContinueKeyword, "'continue' outside a loop", "remove it");
                return null;
            case LocalFunctionStatementSyntax lf:
                return ParseLocalFunctionDeclaration(lf);
            case LabeledStatementSyntax labeled:
                // A label alone changes nothing; the goto that jumps to it is what gets reported.
                return ParseStatement(labeled.Statement);
            default:
                ReportUnsupportedStatement(statement, "the statement '" + OneLine(statement.ToString()) + "'", "rewrite it with locals, if/else, switch and return");
                return null;
        }
    }

    private List<Stmt>? ParseLocalDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
        {
            ReportUnsupportedStatement(declaration.UsingKeyword, "a 'using' declaration", "move resource handling to the caller");
            return null;
        }

        if (declaration.Declaration.Type is RefTypeSyntax)
        {
            ReportUnsupportedStatement(declaration, "a ref local", "use an ordinary local (a copy)");
            return null;
        }

        var result = new List<Stmt>();
        bool ok = true;
        foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
        {
            if (_model.GetDeclaredSymbol(variable, _cancellationToken) is not ILocalSymbol local || local.Type.TypeKind == TypeKind.Error)
            {
                _hasSilentErrors = true;
                return null;
            }

            if (SymbolNames.IsJaggedArray(local.Type))
            {
                ReportUnsupportedStatement(variable, "the jagged array local '" + local.Name + "'",
                    "make a 2-D array, new T[rows, columns], or one array indexed row * columns + column; a row of a jagged parameter may be a local (double[] row = w[i];)");
                ok = false;
                continue;
            }

            if (SymbolNames.Array2DOf(local.Type) is { } elementKind)
            {
                List<Stmt>? array = ParseLocalArray2D(declaration, variable, local, elementKind);
                result.AddRange(array ?? new List<Stmt>());
                ok &= array is not null;
                continue;
            }

            if (SymbolNames.CollectionOf(local.Type) is { } collection)
            {
                if (SwapGroupOf(local) is { } group)
                {
                    if (ParseSwappedArray(declaration, variable, local, group) is { } swapped)
                    {
                        result.AddRange(swapped);
                    }
                    else
                    {
                        ok = false;
                    }

                    continue;
                }

                // A span of existing elements, or an array local naming another array or a jagged array's row: a view. Any other array local must be new.
                if (variable.Initializer?.Value is ElementAccessExpressionSyntax row && IsJaggedRow(row))
                {
                    List<Stmt>? rowView = ParseJaggedRowDeclaration(declaration, row, local);
                    result.AddRange(rowView ?? new List<Stmt>());
                    ok &= rowView is not null;
                }
                else if (variable.Initializer?.Value is { } value && (local.Type is not IArrayTypeSymbol || value is IdentifierNameSyntax) &&
                    value is not (ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax or
                        ImplicitStackAllocArrayCreationExpressionSyntax or CollectionExpressionSyntax))
                {
                    if (ParseViewDeclaration(declaration, value, local) is { } view)
                    {
                        result.AddRange(view);
                    }
                    else
                    {
                        ok = false;
                    }
                }
                else if (ParseLocalArray(declaration, variable, local, collection.Kind) is { } array)
                {
                    result.AddRange(array);
                }
                else
                {
                    ok = false;
                }

                continue;
            }

            if (SymbolNames.KindOf(local.Type) is not { } kind)
            {
                ReportUnsupportedStatement(variable, "a local of type '" + local.Type.ToDisplayString() + "'", "use double, float, int or bool locals, or arrays created with new T[n] or stackalloc T[n]");
                ok = false;
                continue;
            }

            Expr? initializer = null;
            if (variable.Initializer is { } init)
            {
                initializer = ParseConverted(init.Value, local.Type);
                ok &= initializer is not null;
            }

            result.Add(new LocalDeclaration(Source(declaration), local.Name, kind, initializer));
        }

        return ok ? result : null;
    }

    private Stmt? ParseExpressionStatement(ExpressionStatementSyntax statement) => ParseStatementExpression(statement.Expression, Source(statement));

    /// <summary>An expression used as a statement (an expression statement, or a for loop's initializer or incrementor).</summary>
    private Stmt? ParseStatementExpression(ExpressionSyntax expression, SourceInfo source)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
                return ParseAssignment(source, assignment);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix:
                return ParseIncrement(source, postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression));
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix:
                return ParseIncrement(source, prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression));
            case InvocationExpressionSyntax invocation when CallsLocalFunctionNotTakenIn(invocation):
                // Its declaration is reported (ADG0005, with the code fix that moves it out).
                _hasSilentErrors = true;
                return null;
            case InvocationExpressionSyntax invocation when expression.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax &&
                                                           TensorPrimitivesCalled(invocation) is { } primitive:
                return ParseTensorElementwise(invocation, primitive, source);
            case InvocationExpressionSyntax invocation when expression.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax &&
                                                           SpanStoreMethod(invocation) is { } method:
                return ParseSpanStoreCall(invocation, method, source);
            case InvocationExpressionSyntax invocation when expression.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax &&
                                                           ArrayStoreMethod(invocation) is { } arrayMethod:
                return ParseArrayStoreCall(invocation, arrayMethod, source);
            case InvocationExpressionSyntax invocation when expression.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax &&
                                                           IsCallToWriter(invocation, out IMethodSymbol? writer):
                return ParseInvocation(invocation, SymbolNames.KindOf(writer!.ReturnType) ?? ScalarKind.Double) is UserCall call ? new CallStatement(source, call) : null;
            case InvocationExpressionSyntax invocation when expression.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax:
                ReportUnsupportedStatement(expression, "the call '" + OneLine(invocation.ToString()) + "' as a statement",
                    "a call stands alone only to a [Differentiable] method that writes the elements of a collection it is given, to a span's Clear(), Fill(value) or CopyTo(destination), to Array.Clear, Array.Fill, Array.Copy or an array's CopyTo(destination, index), or to TensorPrimitives' exact elementwise methods (Add, Multiply, …); assign a result to a local, or write the loop");
                return null;
            default:
                ReportUnsupportedStatement(expression, "a statement whose value is discarded ('" + OneLine(expression.ToString()) + "')", "assign its result to a local, or remove it");
                return null;
        }
    }

    /// <summary>What an assignment writes: a local or parameter, or an element of a span or array.</summary>
    private sealed record Target(string Name, ScalarKind Kind, ITypeSymbol Type, CollectionRef? Collection = null, Expr? Index = null)
    {
        public Expr Read => Collection is null ? new VariableRef(Kind, Name) : new ElementRead(Kind, Collection, Index!);

        public Stmt Write(SourceInfo source, Expr value) =>
            Collection is null ? new Assignment(source, Name, value) : new ElementAssignment(source, Collection, Index!, value);
    }

    /// <summary>The variable or element an assignment writes, or null (with a diagnostic) for anything else.</summary>
    private Target? AssignmentTarget(ExpressionSyntax target)
    {
        if (target is ElementAccessExpressionSyntax element)
        {
            ITypeSymbol? elementType = _model.GetTypeInfo(element, _cancellationToken).Type;
            if (elementType is null || elementType.TypeKind == TypeKind.Error)
            {
                _hasSilentErrors = true;
                return null;
            }

            if (ParseElementAccess(element) is not ElementRead read || read.Collection is not CollectionRef collection)
            {
                return null;
            }

            if (collection.Shape == ValueShape.ReadOnlySpan)
            {
                ReportUnsupportedStatement(target, "a write to the ReadOnlySpan '" + collection.Name + "'", "declare it Span<T> or copy it to a local array");
                return null;
            }

            return new Target(collection.Name, read.Kind, elementType, collection, read.Index);
        }

        ISymbol? symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local when SymbolNames.KindOf(local.Type) is { } kind && target is IdentifierNameSyntax:
                return new Target(local.Name, kind, local.Type);
            case IParameterSymbol parameter when SymbolNames.KindOf(parameter.Type) is { } kind && target is IdentifierNameSyntax:
                return new Target(parameter.Name, kind, parameter.Type);
            case ILocalSymbol local when SymbolNames.CollectionOf(local.Type) is not null:
                ReportUnsupportedStatement(target, "an assignment to the span or array local '" + local.Name + "'",
                    "declare a new local for each view (a view is fixed where it is declared); of arrays, only those made with new T[n] of one length may be assigned to one another, as a buffer swap");
                return null;
            case null:
                _hasSilentErrors = true;
                return null;
            default:
                ReportUnsupportedStatement(target, "an assignment to '" + OneLine(target.ToString()) + "'", "a differentiable method may only assign its own locals, parameters and elements of its spans and local arrays; return the value instead");
                return null;
        }
    }

    private Stmt? ParseAssignment(SourceInfo source, AssignmentExpressionSyntax assignment)
    {
        if (TryParseArrayAssignment(source, assignment, out Stmt? arrays))
        {
            return arrays;
        }

        if (assignment.Left is TupleExpressionSyntax)
        {
            ReportUnsupportedStatement(assignment.Left, "a tuple assignment", "assign each variable in a statement of its own (through a temporary where they swap); arrays of one length may be swapped");
            return null;
        }

        if (AssignmentTarget(assignment.Left) is not { } target)
        {
            return null;
        }

        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return ParseConverted(assignment.Right, target.Type) is { } value ? target.Write(source, value) : null;
        }

        BinaryOperator? op = assignment.Kind() switch
        {
            SyntaxKind.AddAssignmentExpression => BinaryOperator.Add,
            SyntaxKind.SubtractAssignmentExpression => BinaryOperator.Subtract,
            SyntaxKind.MultiplyAssignmentExpression => BinaryOperator.Multiply,
            SyntaxKind.DivideAssignmentExpression => BinaryOperator.Divide,
            SyntaxKind.ModuloAssignmentExpression => BinaryOperator.Remainder,
            _ => null,
        };
        if (op is null)
        {
            ReportUnsupportedExpression(assignment, "use +=, -=, *=, /= or a plain assignment");
            return null;
        }

        if (ParseExpression(assignment.Right) is not { } right)
        {
            return null;
        }

        // x op= e means x = (T)(x op e), computed in the wider of the two types.
        ScalarKind opKind = Wider(target.Kind, right.Kind);
        Expr computed = new Binary(opKind, op.Value, ConvertTo(target.Read, opKind), ConvertTo(right, opKind),
            op == BinaryOperator.Remainder ? SpanOf(assignment) : null);
        return target.Write(source, ConvertTo(computed, target.Kind));
    }

    private Stmt? ParseIncrement(SourceInfo source, ExpressionSyntax operand, bool increment)
    {
        if (AssignmentTarget(operand) is not { } target)
        {
            return null;
        }

        return target.Write(source,
            new Binary(target.Kind, increment ? BinaryOperator.Add : BinaryOperator.Subtract, target.Read, new Constant(target.Kind, 1)));
    }

    private If? ParseIf(IfStatementSyntax statement)
    {
        Expr? condition = ParseConverted(statement.Condition);
        Block? then = ParseEmbedded(statement.Statement);
        Block? otherwise = null;
        bool ok = condition is not null && then is not null;
        if (statement.Else is { } elseClause)
        {
            otherwise = ParseEmbedded(elseClause.Statement);
            ok &= otherwise is not null;
        }

        return ok ? new If(Source(statement, "if (" + statement.Condition + ")"), condition!, then!, otherwise) : null;
    }

    private Switch? ParseSwitch(SwitchStatementSyntax statement)
    {
        Expr? governing = ParseConverted(statement.Expression);
        bool ok = governing is not null;
        var sections = new List<SwitchSection>();
        foreach (SwitchSectionSyntax section in statement.Sections)
        {
            var labels = new List<Pattern>();
            foreach (SwitchLabelSyntax label in section.Labels)
            {
                Pattern? pattern = label switch
                {
                    DefaultSwitchLabelSyntax => new DiscardPattern(),
                    CaseSwitchLabelSyntax c => ParseConstantPattern(c.Value),
                    CasePatternSwitchLabelSyntax { WhenClause: null } p => ParsePattern(p.Pattern),
                    CasePatternSwitchLabelSyntax p => UnsupportedPattern(p.WhenClause!, "'when' clauses are not supported; use if/else inside the section"),
                    _ => UnsupportedPattern(label, "use constant or relational patterns"),
                };
                ok &= pattern is not null;
                if (pattern is not null)
                {
                    labels.Add(pattern);
                }
            }

            // C# forbids falling through, so a section ends with break (dropped here) or returns.
            List<StatementSyntax> body = section.Statements.Count == 1 && section.Statements[0] is BlockSyntax only
                ? only.Statements.ToList()
                : section.Statements.ToList();
            if (body.Count > 0 && body[body.Count - 1] is BreakStatementSyntax)
            {
                body.RemoveAt(body.Count - 1);
            }

            Block? parsedBody = InBreakable(loop: false, () => ParseStatementList(section, body));
            ok &= parsedBody is not null;
            if (parsedBody is not null)
            {
                sections.Add(new SwitchSection(labels.ToEquatableArray(), parsedBody));
            }
        }

        return ok ? new Switch(Source(statement, "switch (" + statement.Expression + ")"), governing!, sections.ToEquatableArray()) : null;
    }

    /// <summary>The n of <c>new T[n]</c> or <c>stackalloc T[n]</c> (no initializer list), or null for any other initializer.</summary>
    private static ExpressionSyntax? AllocatedLength(VariableDeclaratorSyntax variable)
    {
        ArrayTypeSyntax? arrayType = variable.Initializer?.Value switch
        {
            ArrayCreationExpressionSyntax { Initializer: null } creation => creation.Type,
            StackAllocArrayCreationExpressionSyntax { Initializer: null, Type: ArrayTypeSyntax stackType } => stackType,
            _ => null,
        };
        return arrayType is { RankSpecifiers.Count: 1 } && arrayType.RankSpecifiers[0].Sizes.Count == 1 ? arrayType.RankSpecifiers[0].Sizes[0] : null;
    }

    private List<Stmt>? ParseLocalArray(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local, ScalarKind kind)
    {
        if (variable.Initializer?.Value is { } value && InitializerElements(value) is { } elements)
        {
            return ParseInitializedArray(declaration, variable, local, kind, elements);
        }

        if (variable.Initializer?.Value is { } copy && CopiedCollection(copy) is { } copied)
        {
            return ParseCopiedArray(declaration, variable, local, kind, copied);
        }

        if (variable.Initializer?.Value is CollectionExpressionSyntax withSpread)
        {
            ReportSpreadElement(withSpread, local, kind);
            return null;
        }

        ExpressionSyntax? length = AllocatedLength(variable);
        if (length is null or OmittedArraySizeExpressionSyntax)
        {
            ReportUnsupportedStatement(variable, "the array local '" + local.Name + "' (" + OneLine(variable.Initializer?.Value.ToString() ?? "no initializer") + ")",
                "create it with new " + kind.CSharpName() + "[length] or stackalloc " + kind.CSharpName() + "[length], list its elements ({ a, b } or [a, b]), or copy a span or array with ToArray() or Clone()");
            return null;
        }

        Stmt? array = InLoop
            ? ParseArrayInLoop(declaration, variable, local, kind, length)
            : ParseConverted(length) is { } parsedLength ? new LocalArray(Source(declaration), local.Name, kind, parsedLength) : null;
        return array is null ? null : new List<Stmt> { array };
    }

    private T? InBreakable<T>(bool loop, System.Func<T?> parse)
        where T : class
    {
        _breakTargets.Add(loop);
        try
        {
            return parse();
        }
        finally
        {
            _breakTargets.RemoveAt(_breakTargets.Count - 1);
        }
    }

    private For? ParseFor(ForStatementSyntax statement)
    {
        var initializers = new List<Stmt>();
        bool ok = true;
        if (statement.Declaration is { } declaration)
        {
            foreach (VariableDeclaratorSyntax variable in declaration.Variables)
            {
                if (_model.GetDeclaredSymbol(variable, _cancellationToken) is not ILocalSymbol local || local.Type.TypeKind == TypeKind.Error)
                {
                    _hasSilentErrors = true;
                    return null;
                }

                if (SymbolNames.KindOf(local.Type) is not { } kind)
                {
                    ReportUnsupportedStatement(variable, "a loop variable of type '" + local.Type.ToDisplayString() + "'", "use int, double, float or bool loop variables");
                    ok = false;
                    continue;
                }

                Expr? initializer = variable.Initializer is { } init ? ParseConverted(init.Value, local.Type) : null;
                ok &= variable.Initializer is null || initializer is not null;
                initializers.Add(new LocalDeclaration(Source(statement.Declaration), local.Name, kind, initializer));
            }
        }

        foreach (ExpressionSyntax initializer in statement.Initializers)
        {
            Stmt? parsed = ParseStatementExpression(initializer, Source(initializer));
            ok &= parsed is not null;
            if (parsed is not null) initializers.Add(parsed);
        }

        Expr? condition = statement.Condition is { } c ? ParseConverted(c) : null;
        ok &= statement.Condition is null || condition is not null;
        var incrementors = new List<Stmt>();
        foreach (ExpressionSyntax incrementor in statement.Incrementors)
        {
            Stmt? parsed = ParseStatementExpression(incrementor, Source(incrementor));
            ok &= parsed is not null;
            if (parsed is not null) incrementors.Add(parsed);
        }

        Block? body = InBreakable(loop: true, () => ParseEmbedded(statement.Statement));
        string header = "for (" + OneLine(statement.Declaration?.ToString() ?? string.Join(", ", statement.Initializers)) + "; " +
                        OneLine(statement.Condition?.ToString() ?? "") + "; " + OneLine(string.Join(", ", statement.Incrementors)) + ")";
        return ok && body is not null
            ? new For(Source(statement, header), initializers.ToEquatableArray(), condition, incrementors.ToEquatableArray(), body)
            : null;
    }

    private While? ParseWhile(WhileStatementSyntax statement)
    {
        Expr? condition = ParseConverted(statement.Condition);
        Block? body = InBreakable(loop: true, () => ParseEmbedded(statement.Statement));
        return condition is not null && body is not null ? new While(Source(statement, "while (" + statement.Condition + ")"), condition, body) : null;
    }

    private DoWhile? ParseDo(DoStatementSyntax statement)
    {
        Block? body = InBreakable(loop: true, () => ParseEmbedded(statement.Statement));
        Expr? condition = ParseConverted(statement.Condition);
        return condition is not null && body is not null ? new DoWhile(Source(statement, "do … while (" + statement.Condition + ")"), body, condition) : null;
    }

    private Stmt? ParseForEach(ForEachStatementSyntax statement)
    {
        ILocalSymbol? variable = _model.GetDeclaredSymbol(statement, _cancellationToken);
        if (variable is null || variable.Type.TypeKind == TypeKind.Error)
        {
            _hasSilentErrors = true;
            return null;
        }

        if (TryParseJaggedForEach(statement, variable, out Stmt? overJagged))
        {
            return overJagged;
        }

        ViewLocal? view = ViewNamed(statement.Expression);
        if (view is not null || IsViewExpression(statement.Expression))
        {
            return ParseForEachInView(statement, variable, view);
        }

        if (!IsNamedCollection(statement.Expression))
        {
            ReportUnsupportedStatement(statement.Expression, "a foreach over '" + OneLine(statement.Expression.ToString()) + "'",
                "write a foreach over a span or array parameter or a local array, by name");
            return null;
        }

        if (ParseCollection(statement.Expression) is not { } collection)
        {
            return null;
        }

        if (ForEachVariableKind(statement, variable) is not { } kind)
        {
            return null;
        }

        Block? body = InBreakable(loop: true, () => ParseEmbedded(statement.Statement));
        return body is null ? null
            : new ForEach(Source(statement, "foreach (" + statement.Type + " " + statement.Identifier.Text + " in " + statement.Expression + ")"), variable.Name, kind, collection, body);
    }

    /// <summary>The kind of a foreach's variable, or null (with a diagnostic) when it is not double, float or int.</summary>
    private ScalarKind? ForEachVariableKind(ForEachStatementSyntax statement, ILocalSymbol variable)
    {
        if (SymbolNames.KindOf(variable.Type) is { } kind)
        {
            return kind;
        }

        ReportUnsupportedStatement(statement.Identifier, "a foreach variable of type '" + variable.Type.ToDisplayString() + "'", "iterate over a span or array of double, float or int");
        return null;
    }

    private Pattern? UnsupportedPattern(SyntaxNode where, string fix)
    {
        ReportUnsupportedExpression(where, fix);
        return null;
    }
}
