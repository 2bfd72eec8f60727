using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>
/// One inlined copy of a callee's statements: its locals renamed apart from the caller's, its parameters bound to the
/// call's arguments, and its final <c>return value;</c> turned into the declaration of <see cref="Result"/>. A collection
/// argument that is a view (<c>h.Slice(s, n)</c>) gets its start and length in ints of its own, and the callee's uses of
/// the parameter become uses of the viewed collection, indexes checked against the view as its indexer checks them.
/// </summary>
internal sealed class InlinedBody
{
    private readonly MethodModel _callee;
    private readonly SourceInfo _site;
    private readonly Func<string, string?, string> _fresh;
    private readonly Dictionary<string, string> _locals = new();
    private readonly Dictionary<string, Expr> _parameters = new();
    private readonly bool _allowsCaptures;

    /// <param name="fresh">Gives a name unused in the caller for a wanted name, qualified by the callee's name if taken.</param>
    /// <param name="allowsCaptures">
    /// Whether the callee may read variables of the caller by their names (a local function's captures, which the parser has
    /// checked it reads only); a method's statements read nothing but their own locals and parameters.
    /// </param>
    public InlinedBody(MethodModel callee, SourceInfo site, Func<string, string?, string> fresh, bool allowsCaptures = false)
    {
        _callee = callee;
        _site = site;
        _fresh = fresh;
        _allowsCaptures = allowsCaptures;
        // The result is named after the callee (logSumExp), a second copy's numbered (logSumExp_2).
        Result = callee.ReturnsVoid ? null : new VariableRef(callee.ReturnKind, fresh(char.ToLowerInvariant(callee.Name[0]) + callee.Name.Substring(1), null));
    }

    /// <summary>The method whose statements these are.</summary>
    public MethodModel Callee => _callee;

    /// <summary>What the callee calls the local the caller knows as <paramref name="name"/>.</summary>
    public string NameInCallee(string name) => _locals.FirstOrDefault(pair => pair.Value == name).Key ?? name;

    /// <summary>The local that holds the callee's result once its statements have run; null for a callee that returns void.</summary>
    public VariableRef? Result { get; }

    /// <summary>The statements that compute <see cref="Result"/> from <paramref name="arguments"/>, in the caller's names.</summary>
    public IEnumerable<Stmt> Bind(IReadOnlyList<Expr> arguments)
    {
        var assigned = new HashSet<string>();
        IReadOnlyList<Stmt> statements = _callee.Body.Statements;
        foreach (Stmt statement in statements)
        {
            CollectNames(statement, assigned);
        }

        var byReference = new HashSet<string>(Enumerable.Range(0, arguments.Count)
            .Where(p => _callee.Parameters[p].IsByReference).Select(p => ((VariableRef)arguments[p]).Name));
        var bindings = new List<Stmt>();
        for (int p = 0; p < arguments.Count; p++)
        {
            ParameterModel parameter = _callee.Parameters[p];
            Expr argument = arguments[p];
            // A collection is passed as itself; a scalar the callee never assigns, if it is a variable or a constant, too.
            // Any other scalar is evaluated once, into a local of its own, as the call would; so are a view's start and length.
            if (argument is CollectionRef { View: { } view } viewed)
            {
                var start = new VariableRef(ScalarKind.Int, _fresh(parameter.Name + "Start", _callee.Name));
                var length = new VariableRef(ScalarKind.Int, _fresh(parameter.Name + "Length", _callee.Name));
                bindings.Add(new LocalDeclaration(_site, start.Name, ScalarKind.Int, view.Start));
                bindings.Add(new LocalDeclaration(_site, length.Name, ScalarKind.Int,
                    SpanView.CheckedLength(new LengthOf(viewed with { View = null }), start, view.Length)));
                _parameters[parameter.Name] = viewed with { View = new SpanView(start, length) };
                continue;
            }

            // A ref or out parameter is the caller's variable itself; a value parameter given a variable also passed by ref
            // is copied, as the call copies it, since the callee may assign the variable through the other parameter.
            if (parameter.IsByReference || parameter.Shape != ValueShape.Scalar ||
                (!assigned.Contains(parameter.Name) && argument is VariableRef or Constant && !(argument is VariableRef v && byReference.Contains(v.Name))))
            {
                _parameters[parameter.Name] = argument;
                continue;
            }

            var local = new VariableRef(argument.Kind, _fresh(parameter.Name, _callee.Name));
            _parameters[parameter.Name] = local;
            bindings.Add(new LocalDeclaration(_site, local.Name, local.Kind, argument));
        }

        if (Result is null)
        {
            return bindings.Concat(statements.Select(Map));
        }

        var returned = (Return)statements[statements.Count - 1];
        return bindings
            .Concat(statements.Take(statements.Count - 1).Select(Map))
            .Append(new LocalDeclaration(At(returned.Source), Result.Name, Result.Kind, Map(returned.Value)));
    }

    // Every local the callee declares gets a caller name; assigned records which names (parameters among them) are assigned,
    // or may be: a variable given to a writer the callee calls may be its ref argument (FB-20), so a value parameter passed
    // so gets a local of its own, as the call's copy, rather than the caller's variable or constant.
    private void CollectNames(Stmt statement, HashSet<string> assigned)
    {
        foreach (Stmt inner in StmtChildren.AllOf(statement))
        {
            foreach (UserCall call in StmtChildren.ExpressionsOf(inner).SelectMany(ExprChildren.AllOf).OfType<UserCall>().Where(c => c.Callee.WritesArguments))
            {
                assigned.UnionWith(call.Arguments.OfType<VariableRef>().Select(v => v.Name));
            }

            switch (inner)
            {
                case LocalDeclaration d:
                    Declare(d.Name);
                    break;
                case ForEach fe:
                    Declare(fe.Variable);
                    break;
                case LocalArray array:
                    Declare(array.Name);
                    break;
                case Assignment a:
                    assigned.Add(a.Name);
                    break;
            }
        }
    }

    // Sibling scopes of the callee may declare the same name: they share one caller name, as they shared one in the source.
    private void Declare(string name)
    {
        if (!_locals.ContainsKey(name))
        {
            _locals.Add(name, _fresh(name, _callee.Name));
        }
    }

    private string Rename(string name) => _parameters.TryGetValue(name, out Expr? bound) ? ((VariableRef)bound).Name : _locals[name];

    /// <summary>The collection a parameter is bound to, and the view of it the argument was (null for the whole collection).</summary>
    private (CollectionRef Collection, SpanView? View)? Bound(Expr collection) =>
        collection is CollectionRef { Name: var name } && _parameters.TryGetValue(name, out Expr? bound) && bound is CollectionRef argument
            ? (argument with { View = null }, argument.View)
            : null;

    // The callee's collection, or a view the callee takes of it to pass on (Dot(y.Slice(s, n))), in the caller's terms: a
    // parameter's is the argument's, a local array's (or a swap group's buffer) is renamed like any local.
    private Expr MapCollection(CollectionRef collection)
    {
        if (Bound(collection) is not { } bound)
        {
            return collection with
            {
                Name = _locals.TryGetValue(collection.Name, out string? local) ? local : collection.Name,
                View = collection.View is { } view ? new SpanView(Map(view.Start), Map(view.Length)) : null,
            };
        }

        if (collection.View is not { } inner)
        {
            return bound.Collection with { View = bound.View };
        }

        Expr start = Map(inner.Start), length = Map(inner.Length);
        return bound.View is not { } outer
            ? bound.Collection with { View = new SpanView(start, length) }
            : bound.Collection with { View = new SpanView(outer.Offset(start), SpanView.CheckedLength(outer.Length, start, length)) };
    }

    // collection[index] in the caller's terms: a view's element is the viewed collection's, at the view's start plus the
    // index, checked against the view's length.
    private Expr MapElementOwner(Expr collection) => Bound(collection) is { View: not null } bound ? bound.Collection : Map(collection);

    private Expr MapIndex(Expr collection, Expr index) => Bound(collection) is { View: { } view } ? view.CheckedIndex(Map(index)) : Map(index);

    // foreach over a parameter bound to a view: a counted loop over the view's elements, as the parser writes a foreach over a view local.
    private Stmt MapForEach(ForEach loop)
    {
        if (Bound(loop.Collection) is not { View: { } view } bound)
        {
            return loop with { Source = At(loop.Source), Variable = _locals[loop.Variable], Collection = Map(loop.Collection), Body = Map(loop.Body) };
        }

        var counter = new VariableRef(ScalarKind.Int, _fresh("at" + NameStems.Capitalized(loop.Variable), _callee.Name));
        return For.OverView(At(loop.Source), counter, bound.Collection, view, _locals[loop.Variable], loop.Kind, Map(loop.Body));
    }

    private SourceInfo At(SourceInfo source) => source with { InlinedFrom = _callee.Name };

    private Stmt Map(Stmt statement) => statement switch
    {
        LocalDeclaration d => d with { Source = At(d.Source), Name = _locals[d.Name], Initializer = d.Initializer is null ? null : Map(d.Initializer) },
        LocalArray a => a with { Source = At(a.Source), Name = _locals[a.Name], Length = Map(a.Length) },
        Assignment a => a with { Source = At(a.Source), Name = Rename(a.Name), Value = Map(a.Value) },
        ElementAssignment e => e with { Source = At(e.Source), Collection = MapElementOwner(e.Collection), Index = MapIndex(e.Collection, e.Index), Value = Map(e.Value) },
        Block b => Map(b),
        If i => i with { Source = At(i.Source), Condition = Map(i.Condition), Then = Map(i.Then), Else = i.Else is null ? null : Map(i.Else) },
        Switch s => s with
        {
            Source = At(s.Source),
            Governing = Map(s.Governing),
            Sections = s.Sections.Select(section => section with { Body = Map(section.Body) }).ToEquatableArray(),
        },
        While w => w with { Source = At(w.Source), Condition = Map(w.Condition), Body = Map(w.Body) },
        DoWhile d => d with { Source = At(d.Source), Body = Map(d.Body), Condition = Map(d.Condition) },
        For f => f with
        {
            Source = At(f.Source),
            Initializers = f.Initializers.Select(Map).ToEquatableArray(),
            Condition = f.Condition is null ? null : Map(f.Condition),
            Incrementors = f.Incrementors.Select(Map).ToEquatableArray(),
            Body = Map(f.Body),
        },
        ForEach fe => MapForEach(fe),
        Break or Continue => statement with { Source = At(statement.Source) },
        CallStatement c => c with { Source = At(c.Source), Call = (UserCall)Map(c.Call) },
        // Only a local function's body holds one (InlinableCallee and WriterCallee refuse throws): the check the parser writes
        // before a LINQ Average, Max or Min (FB-22), which throws in the caller as the local function would have.
        Throw t => t with { Source = At(t.Source), Thrown = t.Thrown.Map(Map) },
        // InlinableCallee and WriterCallee accept no other statement.
        _ => throw new InvalidOperationException("Cannot inline a " + statement.GetType().Name),
    };

    private Block Map(Block block) => block with { Source = At(block.Source), Statements = block.Statements.Select(Map).ToEquatableArray() };

    private Expr Map(Expr expr) => expr switch
    {
        VariableRef v => _parameters.TryGetValue(v.Name, out Expr? bound) ? bound
            : _allowsCaptures && !_locals.ContainsKey(v.Name) ? v
            : v with { Name = _locals[v.Name] },
        CollectionRef c => MapCollection(c),
        Constant or MemberRead => expr,
        Unary u => u with { Operand = Map(u.Operand) },
        Binary b => b with { Left = Map(b.Left), Right = Map(b.Right) },
        Conversion c => c with { Operand = Map(c.Operand) },
        Conditional c => c with { Condition = Map(c.Condition), WhenTrue = Map(c.WhenTrue), WhenFalse = Map(c.WhenFalse) },
        MathCall m => m with { Arguments = m.Arguments.Select(Map).ToEquatableArray() },
        ElementRead e => e with { Collection = MapElementOwner(e.Collection), Index = MapIndex(e.Collection, e.Index) },
        LengthOf l => Bound(l.Collection) is { View: { } view } ? view.Length : l with { Collection = Map(l.Collection) },
        UserCall u => u with { Arguments = u.Arguments.Select(Map).ToEquatableArray() },
        SwitchExpression s => s with { Governing = Map(s.Governing), Arms = s.Arms.Select(arm => arm with { Value = Map(arm.Value) }).ToEquatableArray() },
        _ => throw new InvalidOperationException("Cannot inline a " + expr.GetType().Name),
    };
}
