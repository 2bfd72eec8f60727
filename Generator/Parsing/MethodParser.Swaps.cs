using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Parsing;

/// <summary>
/// Local arrays assigned from one another: buffer swaps, <c>(current, next) = (next, current);</c> or through a temporary
/// (<c>double[] t = a; a = b; b = t;</c>). The arrays of such a group share one buffer, a slot of it for each <c>new T[n]</c>
/// of the group, and each local is a view of the buffer (MethodParser.Views) whose start is an int local: an assignment
/// between the arrays copies a start (<c>currentStart = nextStart</c>). So the reverse sweep restores a swap as it restores
/// any int, and every element write is a write to the one buffer, saved and restored as any other. The arrays must be made
/// outside loops with the same length expression, of values the method does not assign.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>A group of local arrays assigned from one another, and, once its first array is declared, the buffer they share.</summary>
    private sealed class SwapGroup
    {
        public List<ILocalSymbol> Allocations { get; } = new();

        public CollectionRef? Buffer { get; set; }

        public VariableRef? Length { get; set; }

        public string? LengthText { get; set; }

        public int Declared { get; set; }

        /// <summary>Set once one of the group's arrays was refused: its other arrays and assignments say nothing more.</summary>
        public bool Refused { get; set; }
    }

    private Dictionary<ILocalSymbol, SwapGroup>? _swapGroups;

    /// <summary>The swap group of <paramref name="local"/>, or null when no array assignment involves it.</summary>
    private SwapGroup? SwapGroupOf(ILocalSymbol local)
    {
        _swapGroups ??= FindSwapGroups();
        return _swapGroups.TryGetValue(local, out SwapGroup? group) ? group : null;
    }

    /// <summary>Unites the array locals that an assignment (plain or by tuple) or an initializer connects; groups with an assignment are swap groups.</summary>
    private Dictionary<ILocalSymbol, SwapGroup> FindSwapGroups()
    {
        var parent = new Dictionary<ILocalSymbol, ILocalSymbol>(SymbolEqualityComparer.Default);
        var assigned = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        ILocalSymbol Find(ILocalSymbol local) => parent.TryGetValue(local, out ILocalSymbol? up) && !SymbolEqualityComparer.Default.Equals(up, local) ? parent[local] = Find(up) : local;
        void Unite(ILocalSymbol a, ILocalSymbol b)
        {
            parent[a] = Find(a);
            parent[b] = Find(b);
            parent[Find(a)] = Find(b);
        }

        ILocalSymbol? ArrayLocal(ExpressionSyntax syntax) =>
            syntax is IdentifierNameSyntax && _model.GetSymbolInfo(syntax, _cancellationToken).Symbol is ILocalSymbol local &&
            SymbolNames.CollectionOf(local.Type) is not null
                ? local
                : null;

        var allocations = new List<ILocalSymbol>();
        foreach (SyntaxNode node in _syntax.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value } variable
                    when _model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol declared && SymbolNames.CollectionOf(declared.Type) is not null:
                    if (ArrayLocal(value) is { } initial)
                    {
                        Unite(declared, initial);
                    }
                    else if (value is ArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax)
                    {
                        allocations.Add(declared);
                    }

                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment:
                    IEnumerable<(ExpressionSyntax Left, ExpressionSyntax Right)> pairs = assignment is { Left: TupleExpressionSyntax left, Right: TupleExpressionSyntax right } &&
                                                                                        left.Arguments.Count == right.Arguments.Count
                        ? left.Arguments.Zip(right.Arguments, (l, r) => (l.Expression, r.Expression))
                        : new[] { (assignment.Left, assignment.Right) };
                    foreach ((ExpressionSyntax l, ExpressionSyntax r) in pairs)
                    {
                        if (ArrayLocal(l) is { } target && ArrayLocal(r) is { } source)
                        {
                            Unite(target, source);
                            assigned.Add(target);
                        }
                    }

                    break;
            }
        }

        var groups = new Dictionary<ILocalSymbol, SwapGroup>(SymbolEqualityComparer.Default);
        var byRoot = new Dictionary<ILocalSymbol, SwapGroup>(SymbolEqualityComparer.Default);
        foreach (ILocalSymbol member in parent.Keys.ToList().Where(m => assigned.Any(a => SymbolEqualityComparer.Default.Equals(Find(a), Find(m)))))
        {
            ILocalSymbol root = Find(member);
            if (!byRoot.TryGetValue(root, out SwapGroup? group))
            {
                byRoot[root] = group = new SwapGroup();
            }

            groups[member] = group;
        }

        foreach (ILocalSymbol allocation in allocations.Where(groups.ContainsKey))
        {
            groups[allocation].Allocations.Add(allocation);
        }

        return groups;
    }

    /// <summary>
    /// The declaration of an array of a swap group. The first array made declares the buffer (one slot per array the group
    /// makes) and its length; each array made takes its slot's start; an array initialized with another takes that one's start.
    /// </summary>
    private List<Stmt>? ParseSwappedArray(LocalDeclarationStatementSyntax declaration, VariableDeclaratorSyntax variable, ILocalSymbol local, SwapGroup group)
    {
        if (group.Refused)
        {
            return null;
        }

        SourceInfo source = Source(declaration);
        var start = new VariableRef(ScalarKind.Int, FreshName(local.Name + "Start"));
        var statements = new List<Stmt>();
        ExpressionSyntax? value = variable.Initializer?.Value;
        if (value is IdentifierNameSyntax && ViewNamed(value) is { } other && group.Buffer is not null)
        {
            statements.Add(new LocalDeclaration(source, start.Name, ScalarKind.Int, other.Start));
        }
        else if (SwappedArrayLength(variable, local, group) is { } length)
        {
            if (group.Buffer is null)
            {
                var kind = SymbolNames.CollectionOf(local.Type)!.Value;
                // currentAndNext holds current's and next's elements, each currentLength long.
                group.Length = new VariableRef(ScalarKind.Int, FreshName(local.Name + "Length"));
                group.Buffer = new CollectionRef(kind.Kind, kind.Shape, FreshName(string.Join("And", group.Allocations.Select((a, i) => i == 0 ? a.Name : NameStems.Capitalized(a.Name)))));
                statements.Add(new LocalDeclaration(source, group.Length.Name, ScalarKind.Int, length));
                var slots = new Constant(ScalarKind.Int, group.Allocations.Count);
                statements.Add(new LocalArray(source, group.Buffer.Name, kind.Kind, new Binary(ScalarKind.Int, BinaryOperator.Multiply, slots, group.Length)));
            }

            Expr slotStart = group.Declared == 0 ? new Constant(ScalarKind.Int, 0)
                : new Binary(ScalarKind.Int, BinaryOperator.Multiply, new Constant(ScalarKind.Int, group.Declared), group.Length!);
            group.Declared++;
            statements.Add(new LocalDeclaration(source, start.Name, ScalarKind.Int, slotStart));
        }
        else
        {
            group.Refused = true;
            return null;
        }

        _views[local] = new ViewLocal(group.Buffer!, start, group.Length!) { Reassigned = true };
        return statements;
    }

    /// <summary>
    /// The length of an array a swap group makes: all must be made outside loops, by <c>new T[n]</c> or <c>stackalloc T[n]</c>
    /// with the same n, which reads no variable the method assigns (so the first one's length is every one's).
    /// </summary>
    private Expr? SwappedArrayLength(VariableDeclaratorSyntax variable, ILocalSymbol local, SwapGroup group)
    {
        ExpressionSyntax? length = AllocatedLength(variable);
        string names = string.Join(", ", group.Allocations.Select(a => "'" + a.Name + "'"));
        if (length is null or OmittedArraySizeExpressionSyntax || InLoop)
        {
            ReportUnsupportedStatement(variable, "the array '" + local.Name + "', which is assigned to or from another array (" + names + ")",
                "make each of these arrays once, outside any loop, with new T[n] or stackalloc T[n] of one n, then swap or assign them");
            return null;
        }

        string text = OneLine(length.ToString());
        bool assignedInMethod = length.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Select(n => _model.GetSymbolInfo(n, _cancellationToken).Symbol)
            .Any(s => s is ILocalSymbol or IParameterSymbol && IsAssignedInMethod(s));
        if ((group.LengthText is not null && group.LengthText != text) || assignedInMethod)
        {
            ReportUnsupportedStatement(length, "the array '" + local.Name + "' made with a length other than the arrays it is swapped with (" + names + ") have, or that may change",
                "make the arrays that are assigned from one another with one length, written the same way, of values the method does not assign");
            return null;
        }

        group.LengthText = text;
        return ParseConverted(length);
    }

    /// <summary>
    /// <c>a = b;</c> between arrays of a swap group, <c>aStart = bStart</c>; a tuple <c>(a, b) = (b, a)</c> copies every start on
    /// the right into a temporary first, as C# evaluates the right side before it assigns. False when the assignment is no
    /// such thing; true with a null statement when its group was refused (that diagnostic says why).
    /// </summary>
    private bool TryParseArrayAssignment(SourceInfo source, AssignmentExpressionSyntax assignment, out Stmt? statement)
    {
        statement = null;
        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return false;
        }

        if (assignment.Left.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(n => _model.GetSymbolInfo(n, _cancellationToken).Symbol is ILocalSymbol local && SymbolNames.CollectionOf(local.Type) is not null &&
                      SwapGroupOf(local) is { Refused: true }))
        {
            return true;
        }

        statement = ArrayAssignment(source, assignment);
        return statement is not null;
    }

    private Stmt? ArrayAssignment(SourceInfo source, AssignmentExpressionSyntax assignment)
    {
        ViewLocal? Swapped(ExpressionSyntax syntax) => ViewNamed(syntax) is { Reassigned: true } view ? view : null;
        if (Swapped(assignment.Left) is { } target && Swapped(assignment.Right) is { } value)
        {
            return new Assignment(source, ((VariableRef)target.Start).Name, value.Start);
        }

        if (assignment is not { Left: TupleExpressionSyntax left, Right: TupleExpressionSyntax right } || left.Arguments.Count != right.Arguments.Count ||
            !left.Arguments.Concat(right.Arguments).All(a => Swapped(a.Expression) is not null))
        {
            return null;
        }

        var statements = new List<Stmt>();
        var temps = new List<VariableRef>();
        foreach (ArgumentSyntax argument in right.Arguments)
        {
            var temp = new VariableRef(ScalarKind.Int, FreshName("swapped" + temps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            statements.Add(new LocalDeclaration(source, temp.Name, ScalarKind.Int, Swapped(argument.Expression)!.Start));
            temps.Add(temp);
        }

        for (int i = 0; i < temps.Count; i++)
        {
            statements.Add(new Assignment(source, ((VariableRef)Swapped(left.Arguments[i].Expression)!.Start).Name, temps[i]));
        }

        return new Block(source, statements.ToEquatableArray());
    }

    /// <summary>True when the method assigns <paramref name="symbol"/> anywhere (++ and -- included) outside its declaration.</summary>
    private bool IsAssignedInMethod(ISymbol symbol) =>
        _syntax.DescendantNodes().Any(node => node switch
        {
            AssignmentExpressionSyntax a => Names(a.Left, symbol),
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } p => Names(p.Operand, symbol),
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } p => Names(p.Operand, symbol),
            _ => false,
        });

    /// <summary>Whether <paramref name="syntax"/> names <paramref name="symbol"/>, alone or in a tuple.</summary>
    private bool Names(ExpressionSyntax syntax, ISymbol symbol) => syntax switch
    {
        IdentifierNameSyntax => SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(syntax, _cancellationToken).Symbol, symbol),
        TupleExpressionSyntax tuple => tuple.Arguments.Any(a => Names(a.Expression, symbol)),
        _ => false,
    };
}
