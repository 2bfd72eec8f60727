using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Differentiation.Loops;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// Writes the members of a method differentiated in the loop form: the tape (a pooled
/// <c>AutoDiffGen.CompilerServices.TapeStack</c>), <c>MForward</c>, <c>MBackward</c> and the fused
/// <c>MValueAndGradient</c>. Every local is declared at the top, so the reverse sweep sees what the forward
/// sweep left; saved values go on the stack inside loops and into locals in straight-line code of the fused entry.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string Pool = "global::System.Buffers.ArrayPool";

    // adjoint += scale × gradient, vectorised: how a callee's or a loop's partials span goes into an adjoint span.
    private const string AddScaled = "global::AutoDiffGen.CompilerServices.LoopGradients.AddScaled";

    /// <summary>
    /// The most elements a local array (and its adjoint) of the fused entry takes on the stack instead of from the pool: renting
    /// and returning cost more than a small function's whole gradient, and a few hundred bytes of stack per array stay far from
    /// its limit even through recursive callees.
    /// </summary>
    private const int StackElements = 64;
    private const string Stack = "global::AutoDiffGen.CompilerServices.TapeStack";

    private enum Mode
    {
        Fused,
        Forward,
        Backward,
    }

    private readonly MethodModel _method;
    private readonly LoopPlan _plan;
    private readonly CodeWriter _w;
    private readonly Dictionary<string, string> _helperNames = new();
    private readonly Dictionary<LStmt, string> _savedLocals = new(ReferenceComparer.Instance);
    private readonly HashSet<LStmt> _recorded = new(ReferenceComparer.Instance);
    private readonly List<(string Type, string Name, string Initial)> _hoisted = new();
    private Dictionary<string, string> _rename = new();
    private Mode _mode;

    private LoopEmitter(MethodModel method, LoopPlan plan, CodeWriter writer)
    {
        _method = method;
        _plan = plan;
        _w = writer;
        foreach (RInstr instruction in plan.Reverse)
        {
            MarkRecorded(instruction);
        }
    }

    public static void EmitMembers(MethodModel method, LoopPlan plan, CodeWriter writer)
    {
        var emitter = new LoopEmitter(method, plan, writer);
        emitter.PlanReductions();
        if (emitter._reductions.Count < plan.Reductions.Count)
        {
            // A loop whose iteration method could not be written (its code names something the method cannot be given) takes
            // the ordinary sweep, which must save what a loop run one iteration at a time need not: plan again without them.
            plan = LoopReverse.Differentiate(method, plan.Rules.Values, withReductions: false);
            emitter = new LoopEmitter(method, plan, writer);
        }

        emitter.EmitTape();
        writer.Line();
        emitter.EmitForward();
        writer.Line();
        emitter.EmitBackward();
        writer.Line();
        emitter.EmitValueAndGradient();
        if (emitter.HasWrappedEntries)
        {
            writer.Line();
            emitter.EmitWrappedEntries();
        }

        if (ParameterModel.NeedValueEntry(method.Parameters))
        {
            writer.Line();
            emitter.EmitValue();
        }

        foreach (string iteration in emitter._iterationMethods)
        {
            writer.Line();
            writer.Raw(iteration);
        }
    }

    private sealed class ReferenceComparer : IEqualityComparer<LStmt>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(LStmt? x, LStmt? y) => ReferenceEquals(x, y);

        public int GetHashCode(LStmt obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private static string Id(string name) => ExprPrinter.Identifier(name);

    private static string Type(ScalarKind kind) => kind.CSharpName();

    private string Name => _method.Name;

    // With 2-D or jagged array parameters these entries take their elements and extents or row starts, and entries taking the arrays wrap them.
    private string Modifiers => (HasWrappedEntries ? LoweredAccessibility : _method.Accessibility) + (_method.IsStatic ? " static" : "");

    private string PublicModifiers => _method.Accessibility + (_method.IsStatic ? " static" : "");

    private string StackId => Id(_plan.StackName);

    // The index of the element-by-element copies the entries do themselves.
    private string E => Id(Helper("element"));

    private LoopMethod Loop => _plan.Method;

    private string Helper(string preferred)
    {
        if (!_helperNames.TryGetValue(preferred, out string? name))
        {
            name = Loop.Names.Preferred(preferred);
            _helperNames[preferred] = name;
        }

        return name;
    }

    private bool IsRead(string name) => _plan.ReadInReverse.Contains(name) && !_plan.Counters.Contains(name);

    /// <summary>An instruction that does something once the read set is known (a restore of an unread variable does not).</summary>
    private bool Effective(RInstr instruction) => instruction switch
    {
        RRestore r => _plan.SavedAssignments.Contains(r.Assignment),
        RRestoreElement r => _plan.SavedAssignments.Contains(r.Store),
        RGroup g => g.Body.Any(Effective),
        RIf i => i.Then.Any(Effective) || i.Else.Any(Effective),
        // A loop whose iterations fill copies reserved them on the tape: its reverse gives them back, even with nothing else to do.
        RLoop l => _plan.Copies.Values.Any(f => ReferenceEquals(f.Enclosing, l.Forward)) || l.Step.Any(Effective) || l.Body.Any(Effective),
        _ => true,
    };

    private void MarkRecorded(RInstr instruction)
    {
        switch (instruction)
        {
            case RGroup g: foreach (RInstr i in g.Body) MarkRecorded(i); break;
            case RIf i when Effective(i):
                _recorded.Add(i.Forward);
                foreach (RInstr r in i.Then.Concat(i.Else)) MarkRecorded(r);
                break;
            case RLoop l when Effective(l):
                if (l.LastCounter is null)
                {
                    _recorded.Add(l.Forward);
                }

                foreach (RInstr r in l.Step.Concat(l.Body)) MarkRecorded(r);
                break;
        }
    }

    private string P(Expr expr) => ExprPrinter.Print(Rename(expr));

    private Expr Rename(Expr expr) => _rename.Count == 0 ? expr : expr switch
    {
        CollectionRef c => c with
        {
            Name = _rename.TryGetValue(c.Name, out string? renamed) ? renamed : c.Name,
            View = c.View is { } view ? new SpanView(Rename(view.Start), Rename(view.Length)) : null,
        },
        ElementRead e => new ElementRead(e.Kind, Rename(e.Collection), Rename(e.Index)),
        LengthOf l => new LengthOf(Rename(l.Collection)),
        Unary u => u with { Operand = Rename(u.Operand) },
        Binary b => b with { Left = Rename(b.Left), Right = Rename(b.Right) },
        Conversion c => c with { Operand = Rename(c.Operand) },
        Conditional c => new Conditional(c.Kind, Rename(c.Condition), Rename(c.WhenTrue), Rename(c.WhenFalse)),
        MathCall m => m with { Arguments = m.Arguments.Select(Rename).ToEquatableArray() },
        UserCall u => u with { Arguments = u.Arguments.Select(Rename).ToEquatableArray() },
        _ => expr,
    };

    /// <summary>
    /// Active local arrays whose adjoint the reverse sweep uses: not those a linear fill wrote, whose reads add into the
    /// fill's operands instead (<see cref="FillLoop"/>).
    /// </summary>
    private IEnumerable<CollectionRef> ArraysWithAdjoints => Loop.LocalArrays.Where(HasAdjoint);

    private bool HasAdjoint(CollectionRef array) => _plan.Activity.IsActive(array) && !_plan.ForwardedArrays.Contains(array.Name);

    private IEnumerable<ParameterModel> CollectionParameters => _method.Parameters.Where(p => p.Shape != ValueShape.Scalar && p.Kind is not null);

    private string ParameterList() => string.Join(", ", _method.Parameters.Select(p => p.TypeName + " " + Id(p.Name)));

    private string SpanOf(ScalarKind kind) => "global::System.Span<" + Type(kind) + ">";

    // ---- tape ----

    private void EmitTape()
    {
        _w.Line($"/// <summary>");
        _w.Line($"/// What <c>{Name}Forward</c> saves for <c>{Name}Backward</c>: a pooled stack of the values the reverse sweep reads.");
        _w.Line($"/// <c>{Name}Backward</c> may replay it any number of times; <c>Dispose</c> it once afterwards to give the stack back to the pool.");
        _w.Line($"/// </summary>");
        _w.Open($"{_method.Accessibility} readonly struct {Id(_method.TapeName)} : global::System.IDisposable");
        _w.Line($"public readonly {Stack}? Stack;");
        foreach (string extent in TapeExtents)
        {
            _w.Line($"public readonly int {Id(extent)};");
        }

        EmitTapeRowStarts();
        _w.Line();
        _w.Open($"public {Id(_method.TapeName)}({Stack} stack{string.Concat(TapeExtents.Select(e => ", int " + Id(e)))})");
        _w.Line("Stack = stack;");
        foreach (string extent in TapeExtents)
        {
            _w.Line($"this.{Id(extent)} = {Id(extent)};");
        }

        _w.Close();
        _w.Line();
        _w.Line($"/// <summary>Returns the stack to the pool; <c>{Name}Backward</c> must not use this tape afterwards.</summary>");
        _w.Line($"public void Dispose() => {Stack}.Return(Stack);");
        _w.Close();
    }

    // ---- entries ----

    private void EmitForward()
    {
        _mode = Mode.Forward;
        _w.Line($"/// <summary>Computes <c>{Name}</c> and records in <paramref name=\"{_plan.TapeName}\"/> what <c>{Name}Backward</c> needs; dispose the tape after the last Backward.</summary>");
        string separator = _method.Parameters.Count > 0 ? ", " : "";
        _w.Open($"{Modifiers} {Type(_method.ReturnKind)} {Id(Name + "Forward")}({ParameterList()}{separator}out {Id(_method.TapeName)} {Id(_plan.TapeName)})");
        _w.Line($"{Stack} {StackId} = {Stack}.Rent();");
        string body = "";
        (string lend, string takeBack) = LendingToTheWholeMethod(() => body = Capture(() => EmitForwardSweep(Loop.Body, 0)));
        EmitHoisted(includeArrays: true);
        _w.Open("try");
        _w.Raw(lend);
        _w.Raw(body);
        _w.Raw(takeBack);
        _w.Line("// What the reverse sweep reads, as the forward sweep left it.");
        foreach (TapeCapture capture in Captures())
        {
            if (capture.Collection is { } collection)
            {
                if (capture.Contents)
                {
                    _w.Line($"for (int {E} = 0; {E} < {Id(collection.Name)}.Length; {E}++) {StackId}.Push({Id(collection.Name)}[{E}]);");
                }

                _w.Line($"{StackId}.Push({Id(collection.Name)}.Length);");
            }
            else
            {
                _w.Line($"{StackId}.Push({Id(capture.Scalar!.Name)});");
            }
        }

        _w.Line($"{Id(_plan.TapeName)} = new {Id(_method.TapeName)}({StackId}{string.Concat(TapeExtents.Select(e => ", " + Id(e)))});");
        _w.Line($"return {Id(Loop.Result.Name)};");
        _w.Close();
        _w.Open("catch");
        _w.Line("// An exception passing through (a throw, a callee's, an index out of range) leaves no tape: give the stack back.");
        _w.Line($"{Stack}.Return({StackId});");
        _w.Line("throw;");
        _w.Close();
        IReadOnlyList<string> returns = ReturnArrays(adjoints: false);
        if (returns.Count > 0)
        {
            _w.Open("finally");
            foreach (string line in returns)
            {
                _w.Line(line);
            }

            _w.Close();
        }

        _w.Close();
    }

    /// <summary>
    /// The entries' adjoint parameters, each with a leading comma: a scalar's <paramref name="byReference"/>, a collection's as a
    /// span, and in the entries taking 2-D arrays (<paramref name="arraysAs2D"/>) a 2-D array's as <c>T[,]</c>.
    /// </summary>
    private string AdjointParameterList(string byReference, bool arraysAs2D) => string.Concat(_plan.ParameterAdjoints.Select(a =>
        arraysAs2D && a.Parameter.Extents is not null ? $", {Type(a.Parameter.Kind!.Value)}[,] {Id(a.Public)}"
        : arraysAs2D && a.Parameter.RowStarts is not null ? $", {Type(a.Parameter.Kind!.Value)}[][] {Id(a.Public)}"
        : a.Parameter.Shape == ValueShape.Scalar ? $", {byReference} {Type(a.Parameter.Kind!.Value)} {Id(a.Public)}"
        : $", {SpanOf(a.Parameter.Kind!.Value)} {Id(a.Public)}"));

    /// <summary><paramref name="list"/> followed by <paramref name="more"/> (which starts with a comma), that comma dropped when the list is empty.</summary>
    private static string FollowedBy(string list, string more) => list.Length == 0 && more.Length > 0 ? more.Substring(2) : list + more;

    private void EmitBackward()
    {
        _mode = Mode.Backward;
        _w.Line($"/// <summary>Adds <paramref name=\"{_plan.SeedName}\"/> times the partial derivatives of <c>{Name}</c> to each adjoint (it accumulates, like PyTorch's <c>.grad</c>); gradient spans must have their parameter's length.</summary>");
        string adjoints = AdjointParameterList("ref", arraysAs2D: false);
        // Without 2-D or jagged gradients, Backward has the method's own parameter types: no entry wraps it.
        _w.Open($"{(HasWrappedBackward ? Modifiers : PublicModifiers)} void {Id(Name + "Backward")}(in {Id(_method.TapeName)} {Id(_plan.TapeName)}, {Type(_method.ReturnKind)} {Id(_plan.SeedName)}{adjoints})");
        _w.Line($"{Stack} {StackId} = {Id(_plan.TapeName)}.Stack ?? throw new global::System.InvalidOperationException(\"{Name}Backward: the tape is default; get one from {Name}Forward.\");");
        _w.Line($"global::AutoDiffGen.CompilerServices.TapeMark {Id(Helper("start"))} = {StackId}.Mark();");
        string reverse = "";
        (string lend, string takeBack) = LendingToTheWholeMethod(() => reverse = Capture(() => EmitReverseSweep(_plan.Reverse)));
        EmitHoisted(includeArrays: true, parametersToo: true);
        _w.Open("try");
        var lengths = new Dictionary<string, string>();
        foreach (TapeCapture capture in Captures().Reverse())
        {
            if (capture.Collection is { } collection)
            {
                string length = Id(Helper(collection.Name + "Length"));
                _w.Line($"{length} = {StackId}.PopInt();");
                lengths[collection.Name] = length;
                if (capture.Contents)
                {
                    RentInto(collection, length);
                    _w.Line($"for (int {E} = {length} - 1; {E} >= 0; {E}--) {Id(collection.Name)}[{E}] = {StackId}.Pop{Pop(collection.Kind)}();");
                }
            }
            else
            {
                _w.Line($"{Id(capture.Scalar!.Name)} = {StackId}.Pop{Pop(capture.Scalar.Kind)}();");
            }
        }

        foreach (var adjoint in _plan.ParameterAdjoints.Where(a => a.Parameter.Shape != ValueShape.Scalar))
        {
            _w.Line($"global::AutoDiffGen.CompilerServices.GradientArguments.CheckLength(\"{Name}Backward\", \"{adjoint.Parameter.Name}\", {lengths[adjoint.Parameter.Name]}, {Id(adjoint.Public)}.Length);");
        }

        EmitAdjointDeclarations(lengths, Id(_plan.SeedName));
        _w.Raw(lend);
        _w.Raw(reverse);
        _w.Raw(takeBack);
        EmitAdjointResults(accumulate: true);
        _w.Close();
        _w.Open("finally");
        _w.Line("// The tape's values go back under the mark, so it can be replayed, even after an exception (a gradient of the wrong length).");
        _w.Line($"{StackId}.Reset({Id(Helper("start"))});");
        EmitReturnArrays(adjoints: true, restoredToo: true);
        _w.Close();
        _w.Close();
    }

    private void EmitValueAndGradient()
    {
        _mode = Mode.Fused;
        _w.Line($"/// <summary>Returns <c>{Name}</c> and its gradient: scalar partials in the out parameters; each gradient span is cleared, then filled (it must have its parameter's length). Allocation-free once warmed up.</summary>");
        _w.Open($"{Modifiers} {Type(_method.ReturnKind)} {Id(Name + "ValueAndGradient")}({FollowedBy(ParameterList(), AdjointParameterList("out", arraysAs2D: false))})");
        foreach (var adjoint in _plan.ParameterAdjoints.Where(a => a.Parameter.Shape != ValueShape.Scalar))
        {
            _w.Line($"global::AutoDiffGen.CompilerServices.GradientArguments.CheckLength(\"{Name}ValueAndGradient\", \"{adjoint.Parameter.Name}\", {Id(adjoint.Parameter.Name)}.Length, {Id(adjoint.Public)}.Length);");
        }

        _w.Line($"{Stack} {StackId} = {Stack}.ForCurrentThread;");
        _w.Line($"global::AutoDiffGen.CompilerServices.TapeMark {Id(Helper("start"))} = {StackId}.Mark();");
        // A parameter span the method writes is restored element by element in the reverse sweep: do that on a copy.
        var copies = CollectionParameters.Where(p => _plan.WrittenCollections.Contains(p.Name) && IsRead(p.Name)).ToList();
        // Here the seed is 1: folded into the contributions that read it.
        IReadOnlyList<RInstr> seeded = ReversePeepholes.FoldSeed(_plan.Reverse, _plan.SeedName, new Constant(_method.ReturnKind, 1));
        string forward = "", reverse = "";
        (string lend, string takeBack) = LendingToTheWholeMethod(() =>
        {
            forward = Capture(() => EmitForwardSweep(Loop.Body, 0));
            _rename = copies.ToDictionary(p => p.Name, p => Helper(p.Name + "Reverse"));
            reverse = Capture(() => EmitReverseSweep(seeded));
        });
        EmitHoisted(includeArrays: true, adjointArrays: true);
        _w.Open("try");
        _w.Raw(lend);
        _w.Raw(forward);
        _w.Line();
        _w.Line("// Reverse sweep.");
        foreach (ParameterModel copy in copies)
        {
            var collection = new CollectionRef(copy.Kind!.Value, ValueShape.Span, _rename[copy.Name]);
            RentInto(collection, Id(copy.Name) + ".Length");
            _w.Line($"{Id(copy.Name)}.CopyTo({Id(collection.Name)});");
        }

        var lengths = CollectionParameters.ToDictionary(p => p.Name, p => Id(p.Name) + ".Length");
        foreach (CollectionRef array in Loop.LocalArrays)
        {
            lengths[array.Name] = Id(array.Name) + ".Length";
        }

        EmitAdjointDeclarations(lengths, ExprPrinter.Literal(_method.ReturnKind, 1), clearPublicSpans: true);
        _w.Raw(reverse);
        _w.Raw(takeBack);
        EmitAdjointResults(accumulate: false);
        foreach (ParameterModel copy in copies)
        {
            _w.Line($"{Pool}<{Type(copy.Kind!.Value)}>.Shared.Return({Id(Helper(_rename[copy.Name] + "Pool"))}!);");
        }

        _w.Line($"return {Id(Loop.Result.Name)};");
        _w.Close();
        _w.Open("finally");
        _w.Line("// Balanced on return; after an exception (a throw, a callee's, an index out of range) this drops what the call saved.");
        _w.Line($"{StackId}.Reset({Id(Helper("start"))});");
        EmitReturnArrays(adjoints: true);
        _w.Close();
        _w.Close();
        _rename = new Dictionary<string, string>();
    }

    /// <summary>M's value alone, with the entries' parameter types: what generated callers call where they need no derivative.</summary>
    private void EmitValue()
    {
        _w.Line($"/// <summary>Returns <c>{Name}</c>, taking its collections as <c>{Name}Forward</c> does: generated callers call it where they need the value but no derivative.</summary>");
        string arguments = string.Join(", ", _method.Parameters.Select(p => Id(p.Name)));
        string separator = _method.Parameters.Count > 0 ? ", " : "";
        _w.Open($"{Modifiers} {Type(_method.ReturnKind)} {Id(Name + "Value")}({ParameterList()})");
        _w.Line("// The caller may be between popping a span of the thread's stack and reading it: the callees of Forward get a stack of their own.");
        _w.Line($"{Stack} {Id(Helper("callerStack"))} = {Stack}.Isolate();");
        _w.Open("try");
        _w.Line($"{Type(_method.ReturnKind)} {Id(Helper("result"))} = {Id(Name + "Forward")}({arguments}{separator}out {Id(_method.TapeName)} {Id(_plan.TapeName)});");
        _w.Line($"{Id(_plan.TapeName)}.Dispose();");
        _w.Line($"return {Id(Helper("result"))};");
        _w.Close();
        _w.Open("finally");
        _w.Line($"{Stack}.EndIsolation({Id(Helper("callerStack"))});");
        _w.Close();
        _w.Close();
    }

    private static string Pop(ScalarKind kind) => kind switch
    {
        ScalarKind.Double => "Double",
        ScalarKind.Float => "Float",
        ScalarKind.Int => "Int",
        _ => "Bool",
    };

    private string Capture(Action emit)
    {
        var saved = new CodeWriter { Indent = _w.Indent };
        CodeWriter outer = _w;
        _writer = saved;
        try
        {
            emit();
        }
        finally
        {
            _writer = outer;
        }

        return saved.ToString();
    }

    /// <summary>
    /// Runs <paramref name="captures"/>, which capture an entry's sweeps as code for its try block, and returns the lines that
    /// lend the stack's arrays before them and take them back after. A method that makes no call (and has no loop run one
    /// iteration at a time, whose method lends the stack itself) keeps them lent for all of its sweeps, instead of lending
    /// and taking them back around each loop; for any other method both are empty.
    /// </summary>
    private (string Lend, string TakeBack) LendingToTheWholeMethod(Action captures)
    {
        _w.Indent++;
        try
        {
            if (Loop.Body.All(LoopCalls.CallFree) && _reductions.Count == 0)
            {
                return WithLentStack(captures, "This method");
            }

            captures();
            return ("", "");
        }
        finally
        {
            _w.Indent--;
        }
    }

    // Capture swaps the writer the sweeps write to; the entries write their frame through _w.
    private CodeWriter? _writer;

    private CodeWriter W => _writer ?? _w;

    private sealed record TapeCapture(VariableRef? Scalar, CollectionRef? Collection, bool Contents);

    /// <summary>What Forward hands to Backward besides the pushes: final values of what the reverse sweep reads, and array lengths.</summary>
    private IEnumerable<TapeCapture> Captures()
    {
        var scalars = _method.Parameters.Where(p => p.Shape == ValueShape.Scalar && p.Kind is not null)
            .Select(p => new VariableRef(p.Kind!.Value, p.Name)).Concat(Loop.Locals).Append(Loop.Result);
        var seen = new HashSet<string>();
        foreach (VariableRef scalar in scalars)
        {
            if (IsRead(scalar.Name) && !IterationOnly(scalar.Name) && seen.Add(scalar.Name))
            {
                yield return new TapeCapture(scalar, null, false);
            }
        }

        // A saved partial span is popped by its length, so Backward needs the length of each array a saved call takes.
        foreach (ParameterModel parameter in CollectionParameters)
        {
            if (IsRead(parameter.Name) || parameter.IsDifferentiable || _plan.SavedCallArguments.Contains(parameter.Name))
            {
                yield return new TapeCapture(null, new CollectionRef(parameter.Kind!.Value, parameter.Shape, parameter.Name), IsRead(parameter.Name));
            }
        }

        foreach (CollectionRef array in Loop.LocalArrays)
        {
            if (IsRead(array.Name) || _plan.Activity.IsActive(array) || _plan.SavedCallArguments.Contains(array.Name))
            {
                yield return new TapeCapture(null, array, IsRead(array.Name) && !IterationOnly(array.Name));
            }
        }
    }

    private void RentInto(CollectionRef collection, string length)
    {
        string pool = Id(Helper(collection.Name + "Pool"));
        _w.Line($"{pool} = {Pool}<{Type(collection.Kind)}>.Shared.Rent({length});");
        _w.Line($"{Id(collection.Name)} = new {SpanOf(collection.Kind)}({pool}, 0, {length});");
    }

    /// <summary>Every local declared up front: the method's own, the loop and branch records, the arrays and their pools.</summary>
    private void EmitHoisted(bool includeArrays, bool parametersToo = false, bool adjointArrays = false)
    {
        if (parametersToo)
        {
            foreach (ParameterModel parameter in _method.Parameters.Where(p => p.Kind is not null))
            {
                if (parameter.Shape == ValueShape.Scalar)
                {
                    _w.Line($"{Type(parameter.Kind!.Value)} {Id(parameter.Name)} = {ExprPrinter.Literal(parameter.Kind!.Value, 0)};");
                }
                else
                {
                    _w.Line($"{SpanOf(parameter.Kind!.Value)} {Id(parameter.Name)} = default;");
                    _w.Line($"int {Id(Helper(parameter.Name + "Length"))} = 0;");
                    _w.Line($"{Type(parameter.Kind!.Value)}[]? {Id(Helper(parameter.Name + "Pool"))} = null;");
                }
            }
        }

        foreach (VariableRef local in Loop.Locals.Append(Loop.Result))
        {
            _w.Line($"{Type(local.Kind)} {Id(local.Name)} = {ExprPrinter.Literal(local.Kind, 0)};");
        }

        foreach ((string type, string name, string initial) in _hoisted)
        {
            _w.Line($"{type} {Id(name)} = {initial};");
        }

        _hoisted.Clear();
        if (includeArrays)
        {
            foreach (CollectionRef array in Loop.LocalArrays)
            {
                _w.Line($"{SpanOf(array.Kind)} {Id(array.Name)} = {LocalArrayInitial(array.Kind)};");
                _w.Line($"int {Id(Helper(array.Name + "Length"))} = 0;");
                _w.Line($"{Type(array.Kind)}[]? {Id(Helper(array.Name + "Pool"))} = null;");
            }
        }

        if (_mode == Mode.Fused)
        {
            foreach (var copy in _rename)
            {
                ParameterModel parameter = _method.Parameters.First(p => p.Name == copy.Key);
                _w.Line($"{SpanOf(parameter.Kind!.Value)} {Id(copy.Value)} = default;");
                _w.Line($"{Type(parameter.Kind!.Value)}[]? {Id(Helper(copy.Value + "Pool"))} = null;");
            }
        }

        foreach (var adjoint in _plan.ParameterAdjoints.Where(a => a.Parameter.Shape != ValueShape.Scalar && a.Public != a.Internal))
        {
            _w.Line($"{SpanOf(adjoint.Parameter.Kind!.Value)} {Id(adjoint.Internal)} = default;");
            _w.Line($"{Type(adjoint.Parameter.Kind!.Value)}[]? {Id(Helper(adjoint.Internal + "Pool"))} = null;");
        }

        if (adjointArrays || _mode == Mode.Backward)
        {
            foreach (CollectionRef array in ArraysWithAdjoints)
            {
                string adjoint = _plan.AdjointNames[array.Name];
                _w.Line($"{SpanOf(array.Kind)} {Id(adjoint)} = {LocalArrayInitial(array.Kind)};");
                _w.Line($"{Type(array.Kind)}[]? {Id(Helper(adjoint + "Pool"))} = null;");
            }
        }
    }

    /// <summary>The reverse sweep's adjoints: scalars at zero (the result's at the seed), adjoint arrays rented and cleared.</summary>
    private void EmitAdjointDeclarations(Dictionary<string, string> lengths, string seed, bool clearPublicSpans = false)
    {
        foreach (var adjoint in _plan.ParameterAdjoints)
        {
            if (adjoint.Parameter.Shape != ValueShape.Scalar && adjoint.Public != adjoint.Internal)
            {
                RentInto(new CollectionRef(adjoint.Parameter.Kind!.Value, ValueShape.Span, adjoint.Internal), lengths[adjoint.Parameter.Name]);
                _w.Line($"{Id(adjoint.Internal)}.Clear();");
            }
            else if (adjoint.Parameter.Shape != ValueShape.Scalar && clearPublicSpans)
            {
                _w.Line($"{Id(adjoint.Public)}.Clear();");
            }
        }

        if (_mode == Mode.Backward)
        {
            foreach (CollectionRef array in ArraysWithAdjoints)
            {
                var adjoint = new CollectionRef(array.Kind, ValueShape.Span, _plan.AdjointNames[array.Name]);
                RentInto(adjoint, lengths[array.Name]);
                _w.Line($"{Id(adjoint.Name)}.Clear();");
            }
        }

        var scalars = _method.Parameters.Where(p => p.Shape == ValueShape.Scalar && p.Kind is not null).Select(p => new VariableRef(p.Kind!.Value, p.Name))
            .Concat(Loop.Locals);
        var declared = new HashSet<string>();
        if (_plan.AdjointNames.TryGetValue(Loop.Result.Name, out string? resultAdjoint))
        {
            _w.Line($"{Type(Loop.Result.Kind)} {Id(resultAdjoint)} = {seed};");
            declared.Add(resultAdjoint);
        }

        foreach (VariableRef scalar in scalars.Where(s => !IterationOnly(s.Name)))
        {
            if (_plan.Activity.IsActive(scalar) && _plan.AdjointNames.TryGetValue(scalar.Name, out string? adjoint) && declared.Add(adjoint))
            {
                _w.Line($"{Type(scalar.Kind)} {Id(adjoint)} = 0;");
            }
        }

        foreach (var adjoint in _plan.ParameterAdjoints.Where(a => a.Parameter.Shape == ValueShape.Scalar))
        {
            if (declared.Add(adjoint.Internal))
            {
                _w.Line($"{Type(adjoint.Parameter.Kind!.Value)} {Id(adjoint.Internal)} = 0;");
            }
        }
    }

    private void EmitAdjointResults(bool accumulate)
    {
        foreach (var adjoint in _plan.ParameterAdjoints)
        {
            if (adjoint.Parameter.Shape == ValueShape.Scalar)
            {
                _w.Line($"{Id(adjoint.Public)} {(accumulate ? "+=" : "=")} {Id(adjoint.Internal)};");
            }
            else if (adjoint.Public != adjoint.Internal)
            {
                _w.Line(accumulate
                    ? $"for (int {E} = 0; {E} < {Id(adjoint.Public)}.Length; {E}++) {Id(adjoint.Public)}[{E}] += {Id(adjoint.Internal)}[{E}];"
                    : $"{Id(adjoint.Internal)}.CopyTo({Id(adjoint.Public)});");
                _w.Line($"{Pool}<{Type(adjoint.Parameter.Kind!.Value)}>.Shared.Return({Id(Helper(adjoint.Internal + "Pool"))}!);");
            }
        }
    }

    private void EmitReturnArrays(bool adjoints, bool restoredToo = false)
    {
        foreach (string line in ReturnArrays(adjoints, restoredToo))
        {
            W.Line(line);
        }
    }

    private IReadOnlyList<string> ReturnArrays(bool adjoints, bool restoredToo = false)
    {
        var pools = Loop.LocalArrays.Select(a => (a.Kind, Helper(a.Name + "Pool"))).ToList();
        if (adjoints)
        {
            pools.AddRange(ArraysWithAdjoints.Select(a => (a.Kind, Helper(_plan.AdjointNames[a.Name] + "Pool"))));
        }

        if (restoredToo)
        {
            pools.AddRange(CollectionParameters.Select(p => (p.Kind!.Value, Helper(p.Name + "Pool"))));
        }

        return pools.Select(p => $"if ({Id(p.Item2)} is not null) {Pool}<{Type(p.Item1)}>.Shared.Return({Id(p.Item2)});").ToList();
    }

    // ---- forward sweep ----

    private void Hoist(ScalarKind kind, string name) => _hoisted.Add((Type(kind), name, ExprPrinter.Literal(kind, 0)));

    /// <summary>Saves <paramref name="value"/> for the reverse sweep: in a local in straight-line code of the fused entry, else on the stack.</summary>
    private void Save(LStmt owner, ScalarKind kind, string value, int depth)
    {
        if (SlotOf(owner) is { } slot)
        {
            W.Line($"{slot} = {value};");
        }
        else if (_mode == Mode.Fused && depth == 0)
        {
            string local = Helper("saved" + _savedLocals.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _savedLocals[owner] = local;
            Hoist(kind, local);
            W.Line($"{Id(local)} = {value};");
        }
        else
        {
            PushValue(kind, value);
        }
    }

    private string Restore(LStmt owner, ScalarKind kind) =>
        SlotOf(owner) is { } slot ? FromSlot(slot, kind)
        : _mode == Mode.Fused && _savedLocals.TryGetValue(owner, out string? local) ? Id(local) : PopValue(kind);

    // Inside a call-free loop nest the stack's arrays and counts are lent to locals (see TapeStack.LendValues);
    // these say whether a region is open and which of its arrays it used.
    private bool _inLentRegion;
    private bool _lentValuesUsed;
    private bool _lentIntegersUsed;

    private static bool IsFloating(ScalarKind kind) => kind is ScalarKind.Double or ScalarKind.Float;

    private string LentArray(ScalarKind kind) => Id(Helper(IsFloating(kind) ? "tapeValues" : "tapeIntegers"));

    private string LentCount(ScalarKind kind) => Id(Helper(IsFloating(kind) ? "tapeValueCount" : "tapeIntegerCount"));

    private void MarkLent(ScalarKind kind)
    {
        if (IsFloating(kind)) _lentValuesUsed = true;
        else _lentIntegersUsed = true;
    }

    /// <summary>Pushes <paramref name="value"/>: through the lent locals inside a call-free loop nest, else through the stack.</summary>
    private void PushValue(ScalarKind kind, string value)
    {
        if (!_inLentRegion)
        {
            W.Line($"{StackId}.Push({value});");
            return;
        }

        MarkLent(kind);
        W.Line($"{Stack}.PushInto(ref {LentArray(kind)}, ref {LentCount(kind)}, {value});");
    }

    /// <summary>An expression popping a value of <paramref name="kind"/>: from the lent locals inside a call-free loop nest, else from the stack.</summary>
    private string PopValue(ScalarKind kind)
    {
        if (!_inLentRegion)
        {
            return $"{StackId}.Pop{Pop(kind)}()";
        }

        MarkLent(kind);
        string top = $"{LentArray(kind)}[--{LentCount(kind)}]";
        return kind switch
        {
            ScalarKind.Float => "(float)" + top,
            ScalarKind.Bool => top + " != 0",
            _ => top,
        };
    }

    /// <summary>
    /// Emits <paramref name="emit"/> (a loop nest) with the stack's arrays and counts lent to locals when the nest makes no
    /// call, so that its pushes and pops touch registers instead of the stack object's fields; the counts go back after it.
    /// </summary>
    private void EmitWithLentStack(bool callFree, Action emit)
    {
        if (!callFree || _inLentRegion)
        {
            emit();
            return;
        }

        var body = new CodeWriter { Indent = W.Indent };
        CodeWriter? outer = _writer;
        (string lend, string takeBack) = WithLentStack(() =>
        {
            _writer = body;
            try
            {
                emit();
            }
            finally
            {
                _writer = outer;
            }
        });
        W.Raw(lend);
        W.Raw(body.ToString());
        W.Raw(takeBack);
    }

    /// <summary>
    /// Runs <paramref name="emit"/> (code that makes no call) as a region with the stack lent to locals, and returns the lines
    /// that lend the arrays it used, to write before its code, and those that take them back, to write after it.
    /// </summary>
    /// <param name="what">What makes no call, for the comment: "This loop", "This method", "The iteration".</param>
    private (string Lend, string TakeBack) WithLentStack(Action emit, string what = "This loop")
    {
        _inLentRegion = true;
        _lentValuesUsed = _lentIntegersUsed = false;
        try
        {
            emit();
        }
        finally
        {
            _inLentRegion = false;
        }

        var lent = new List<ScalarKind>();
        if (_lentValuesUsed) lent.Add(ScalarKind.Double);
        if (_lentIntegersUsed) lent.Add(ScalarKind.Int);
        var lend = new CodeWriter { Indent = W.Indent };
        var takeBack = new CodeWriter { Indent = W.Indent };
        if (lent.Count > 0)
        {
            lend.Line($"// {what} makes no call: its saved values go through the stack's arrays lent to locals, which stay in registers.");
        }

        foreach (ScalarKind kind in lent)
        {
            string element = IsFloating(kind) ? "double" : "int";
            string array = Helper(IsFloating(kind) ? "tapeValues" : "tapeIntegers"), count = Helper(IsFloating(kind) ? "tapeValueCount" : "tapeIntegerCount");
            if (!_hoisted.Any(h => h.Name == array))
            {
                _hoisted.Add((element + "[]", array, $"global::System.Array.Empty<{element}>()"));
                Hoist(ScalarKind.Int, count);
            }

            lend.Line($"{Id(array)} = {StackId}.Lend{(IsFloating(kind) ? "Values" : "Integers")}(out {Id(count)});");
            takeBack.Line($"{StackId}.TakeBack{(IsFloating(kind) ? "Values" : "Integers")}({LentArray(kind)}, {LentCount(kind)});");
        }

        return (lend.ToString(), takeBack.ToString());
    }

    // Line 0 marks a note of the generator's about what follows rather than a source statement.
    private void Comment(SourceInfo source) => W.Comment(source.Line > 0 ? source.Describe() : source.Text);

    private void Comment(LStmt statement)
    {
        if (statement.Source is { } source)
        {
            Comment(source);
        }
    }

    private void EmitForwardSweep(IReadOnlyList<LStmt> statements, int depth)
    {
        foreach (LStmt statement in statements)
        {
            switch (statement)
            {
                case LAssign assign:
                {
                    Comment(statement);
                    Expr value = EmitSavedNodes(statement, assign.Value, depth);
                    if (_plan.SavedAssignments.Contains(assign))
                    {
                        Save(statement, assign.Target.Kind, Id(assign.Target.Name), depth);
                    }

                    W.Line($"{Id(assign.Target.Name)} = {P(value)};");
                    break;
                }

                case LStore store:
                {
                    Comment(statement);
                    Expr value = EmitSavedNodes(statement, store.Value, depth);
                    string element = P(new ElementRead(store.Array.Kind, store.Array, store.Index));
                    if (_plan.SavedAssignments.Contains(store))
                    {
                        Save(statement, store.Array.Kind, element, depth);
                    }

                    W.Line($"{element} = {P(value)};");
                    break;
                }

                case LArray array:
                {
                    Comment(statement);
                    string length = Id(Helper(array.Array.Name + "Length"));
                    W.Line($"{length} = {P(array.Length)};");
                    int? knownLength = array.Length is Constant { Kind: ScalarKind.Int } constant ? (int)constant.Value : null;
                    RentIntoW(array.Array, length, onStack: depth == 0, knownLength);
                    W.Line($"{Id(array.Array.Name)}.Clear();");
                    if (_mode == Mode.Fused && HasAdjoint(array.Array))
                    {
                        var adjoint = new CollectionRef(array.Array.Kind, ValueShape.Span, _plan.AdjointNames[array.Array.Name]);
                        RentIntoW(adjoint, length, onStack: depth == 0, knownLength);
                        W.Line($"{Id(adjoint.Name)}.Clear();");
                    }

                    break;
                }

                case LIf branch:
                {
                    Comment(statement);
                    string condition = P(branch.Condition);
                    string? pushAfter = null;
                    if (_recorded.Contains(branch))
                    {
                        // The decision is pushed after the branch ran, so the reverse pops it before the branch's own values.
                        string local = Helper("branch" + branch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Hoist(ScalarKind.Bool, local);
                        W.Line($"{Id(local)} = {condition};");
                        if (_mode == Mode.Fused && depth == 0)
                        {
                            _savedLocals[branch] = local;
                        }
                        else
                        {
                            pushAfter = local;
                        }

                        condition = Id(local);
                    }

                    EmitForwardIf(condition, branch, depth);
                    if (pushAfter is not null)
                    {
                        PushValue(ScalarKind.Bool, Id(pushAfter));
                    }

                    break;
                }

                case LThrow thrown:
                    // The entry's finally (and Forward's catch) give back what the call holds.
                    Comment(statement);
                    W.Line($"throw {thrown.Thrown.Print(P)};");
                    break;
                case LLoop loop when depth == 0 && _reductions.TryGetValue(loop, out IterationMethod? iteration):
                    EmitReductionForward(iteration);
                    break;
                case LLoop loop:
                    foreach (FillLoop fill in CopiesFilledBy(loop))
                    {
                        W.Line($"{P(fill.Store.Array)} = {RegionSlice(fill)};");
                    }

                    EmitWithLentStack(LoopCalls.CallFree(loop), () => EmitForwardLoop(loop, depth));
                    break;
            }
        }
    }

    /// <param name="onStack">The array is made once per call (outside loops): in the fused entry, a short one goes on the stack.</param>
    /// <param name="knownLength">The length, when the source gives it as a constant: then only one of the two ways is printed.</param>
    private void RentIntoW(CollectionRef collection, string length, bool onStack = false, int? knownLength = null)
    {
        string pool = Id(Helper(collection.Name + "Pool"));
        bool stackable = onStack && _mode == Mode.Fused;
        if (stackable && knownLength <= StackElements)
        {
            W.Line($"{Id(collection.Name)} = stackalloc {Type(collection.Kind)}[{length}];");
            return;
        }

        // A length known only at run time picks the stack or the pool there.
        bool decidedAtRunTime = stackable && knownLength is null;
        if (decidedAtRunTime)
        {
            W.Open($"if ({length} <= {StackElements})");
            W.Line($"{Id(collection.Name)} = stackalloc {Type(collection.Kind)}[{length}];");
            W.Close();
            W.Open("else");
        }

        W.Line($"{pool} = {Pool}<{Type(collection.Kind)}>.Shared.Rent({length});");
        W.Line($"{Id(collection.Name)} = new {SpanOf(collection.Kind)}({pool}, 0, {length});");
        if (decidedAtRunTime)
        {
            W.Close();
        }
    }

    // A span the fused entry may point at the stack must start as a stack span: C# lets a variable hold stackalloc memory
    // only if it was declared with it.
    private string LocalArrayInitial(ScalarKind kind) => _mode == Mode.Fused ? $"stackalloc {Type(kind)}[0]" : "default";

    private void EmitForwardIf(string condition, LIf branch, int depth)
    {
        if (branch.Then.Count == 0 && branch.Else.Count == 0)
        {
            return;
        }

        W.Open($"if ({condition})");
        EmitForwardSweep(branch.Then, depth);
        W.Close();
        if (branch.Else.Count > 0)
        {
            W.Open("else");
            EmitForwardSweep(branch.Else, depth);
            W.Close();
        }
    }

    private string LoopLocal(LLoop loop, string what) => Helper("loop" + loop.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + what);

    private void EmitForwardLoop(LLoop loop, int depth)
    {
        List<FillLoop> copies = CopiesIn(loop).ToList();
        bool regionsInLocals = _mode == Mode.Fused && _openLoops == 0;
        foreach (FillLoop fill in copies)
        {
            W.Line($"// {fill.Store.Array.Name} is filled whole at the top of each iteration of the next loop and read only after that: each iteration");
            W.Line("// fills a copy of its own, kept on the tape for the reverse sweep, so what the fill overwrites needs no saving and restoring.");
            if (regionsInLocals)
            {
                _regionsInLocals.Add(fill.Loop);
            }
            else
            {
                _regionsInLocals.Remove(fill.Loop);
            }

            W.Line($"{Region(fill)} = {ReserveOnTape(HeldAsSpan(fill), CopiesLength(fill))};");
        }

        if (regionsInLocals && _plan.Slots.TryGetValue(loop, out SlotRegion? slots))
        {
            ReserveSlots(slots);
        }

        Comment(loop);
        bool recorded = _recorded.Contains(loop);
        string count = LoopLocal(loop, "Count");
        string? start = null;
        if (recorded)
        {
            Hoist(ScalarKind.Int, count);
            W.Line($"{Id(count)} = 0;");
        }

        string header;
        if (loop.Counter is { } counter)
        {
            string first = P(counter.Start);
            if (recorded && counter.Start is not Constant)
            {
                start = LoopLocal(loop, "Start");
                Hoist(ScalarKind.Int, start);
                W.Line($"{Id(start)} = {first};");
                first = Id(start);
            }

            string step = counter.Step > 0 ? Id(counter.Variable.Name) + "++" : Id(counter.Variable.Name) + "--";
            header = $"for ({Id(counter.Variable.Name)} = {first}; {P(loop.Condition)}; {step})";
        }
        else
        {
            header = $"while ({P(loop.Condition)})";
        }

        W.Open(header);
        if (recorded)
        {
            W.Line($"{Id(count)}++;");
        }

        _openLoops++;
        try
        {
            EmitForwardSweep(loop.Body, depth + 1);
            EmitForwardSweep(loop.Step, depth + 1);
        }
        finally
        {
            _openLoops--;
        }

        W.Close();
        // Outside a local, the reverse sweep finds each region by its start, recorded here.
        foreach (FillLoop fill in regionsInLocals ? Enumerable.Empty<FillLoop>() : copies)
        {
            PushValue(ScalarKind.Int, Region(fill));
        }

        if (recorded)
        {
            if (_mode == Mode.Fused && depth == 0)
            {
                _savedLocals[loop] = count;
            }
            else
            {
                if (start is not null)
                {
                    PushValue(ScalarKind.Int, Id(start));
                }

                PushValue(ScalarKind.Int, Id(count));
            }
        }
    }

    // ---- copies of a fill per iteration (FillLoop.Enclosing) ----

    // Loops open around the statement being emitted, in this sweep: a region reserved outside every loop is reserved once
    // per sweep, so the fused entry holds it as a span in a local (pushes that move the tape to a larger array leave the
    // span where it was, and the reverse sweep reads it there). Elsewhere the tape records where the region starts, and
    // each iteration takes its slice from the tape's current array.
    private int _openLoops;
    private readonly HashSet<LStmt> _regionsInLocals = new(ReferenceComparer.Instance);

    private IEnumerable<FillLoop> CopiesIn(LLoop loop) => _plan.Copies.Values.Where(f => ReferenceEquals(f.Enclosing, loop))
        .OrderBy(f => f.Loop.Id).ThenBy(f => f.Store.Array.Name, StringComparer.Ordinal);

    private IEnumerable<FillLoop> CopiesFilledBy(LLoop loop) => _plan.Copies.Values.Where(f => ReferenceEquals(f.Loop, loop))
        .OrderBy(f => f.Store.Array.Name, StringComparer.Ordinal);

    private string RegionName(FillLoop fill) => Helper(fill.Store.Array.Name + "Copies");

    private bool HeldAsSpan(FillLoop fill) => _mode == Mode.Fused && _regionsInLocals.Contains(fill.Loop);

    /// <summary>The local holding the fill's region: its span, or where it starts on the tape.</summary>
    private string Region(FillLoop fill)
    {
        string name = RegionName(fill);
        if (!_hoisted.Any(h => h.Name == name))
        {
            if (HeldAsSpan(fill))
            {
                _hoisted.Add((SpanOf(ScalarKind.Double), name, "default"));
            }
            else
            {
                Hoist(ScalarKind.Int, name);
            }
        }

        return Id(name);
    }

    /// <summary>
    /// Reserves <paramref name="length"/> doubles on the tape, through the lent locals inside a call-free loop nest: the
    /// region as a span (<paramref name="span"/>), or where it starts.
    /// </summary>
    private string ReserveOnTape(bool span, string length)
    {
        if (!_inLentRegion)
        {
            return $"{StackId}.{(span ? "Reserve" : "ReserveRegion")}({length})";
        }

        MarkLent(ScalarKind.Double);
        return $"{Stack}.{(span ? "ReserveInto" : "ReserveRegionInto")}(ref {LentArray(ScalarKind.Double)}, ref {LentCount(ScalarKind.Double)}, {length})";
    }

    private void EmitReleaseRegion(string length)
    {
        if (!_inLentRegion)
        {
            W.Line($"{StackId}.Release({length});");
            return;
        }

        // The count must come back to the stack even when nothing else in the nest pops: mark the values as lent.
        MarkLent(ScalarKind.Double);
        W.Line($"{LentCount(ScalarKind.Double)} -= {length};");
    }

    /// <summary>The region's length: the enclosing loop's trip count (0 if it does not run) times the array's.</summary>
    private string CopiesLength(FillLoop fill) =>
        $"checked(global::System.Math.Max(0, {P(CountedLoops.Trips(fill.Enclosing!))}) * {P(fill.Store.Array)}.Length)";

    /// <summary>The current iteration's copy: a slice of the region, taken from the tape's array as it is now.</summary>
    private string RegionSlice(FillLoop fill)
    {
        var e = new ExprBuilder(ScalarKind.Int);
        Expr slot = CountedLoops.Ordinal(fill.Enclosing!);
        string array = P(fill.Store.Array);
        var length = new LengthOf(fill.Store.Array);
        if (HeldAsSpan(fill))
        {
            return $"{Region(fill)}.Slice({P(e.Mul(slot, length))}, {array}.Length)";
        }

        string start = P(e.Add(new VariableRef(ScalarKind.Int, RegionName(fill)), e.Mul(slot, length)));
        Region(fill);
        if (!_inLentRegion)
        {
            return $"{StackId}.Region({start}, {array}.Length)";
        }

        MarkLent(ScalarKind.Double);
        return $"new global::System.Span<double>({LentArray(ScalarKind.Double)}, {start}, {array}.Length)";
    }

    // ---- slots for the values a loop's iterations save (KeptSlots) ----

    // The regions reserved in this fused sweep, by loop, and the slot of each save in them (an element of the region's span).
    private readonly Dictionary<LStmt, string> _slotRegions = new(ReferenceComparer.Instance);
    private readonly Dictionary<object, string> _slotOf = new(KeptSlots.ReferenceKeys.Instance);

    /// <summary>Reserves the loop's region before it runs, as a span in a local that both sweeps use (see <see cref="SlotRegion"/>).</summary>
    private void ReserveSlots(SlotRegion slots)
    {
        string region = LoopLocal(slots.Loop, "Saves");
        if (!_hoisted.Any(h => h.Name == region))
        {
            _hoisted.Add((SpanOf(ScalarKind.Double), region, "default"));
        }

        W.Line("// What the next loop's iterations save for the reverse sweep goes to slots of one region of the tape, reserved here;");
        W.Line("// the reverse sweep reads each value back from its slot, so nothing inside the loop pushes.");
        W.Line($"{Id(region)} = {ReserveOnTape(span: true, $"checked({P(slots.Length)})")};");

        _slotRegions[slots.Loop] = region;
        foreach (KeyValuePair<object, Expr> slot in slots.Slots)
        {
            _slotOf[slot.Key] = $"{Id(region)}[{P(slot.Value)}]";
        }
    }

    /// <summary>The slot element a save writes and its restore reads, when the save is in a region of this fused sweep.</summary>
    private string? SlotOf(object save) => _mode == Mode.Fused && _slotOf.TryGetValue(save, out string? slot) ? slot : null;

    private static string FromSlot(string slot, ScalarKind kind) => kind == ScalarKind.Float ? "(float)" + slot : slot;

    // ---- reverse sweep ----

    private void EmitReverseSweep(IReadOnlyList<RInstr> instructions)
    {
        foreach (RInstr instruction in instructions)
        {
            if (!Effective(instruction))
            {
                continue;
            }

            switch (instruction)
            {
                case RGroup group:
                    Comment(group.Source);
                    EmitReverseSweep(group.Body);
                    break;
                case RRestore restore:
                    W.Line($"{Id(restore.Target.Name)} = {Restore(restore.Assignment, restore.Target.Kind)};");
                    break;
                case RRestoreElement restore:
                    W.Line($"{P(new ElementRead(restore.Array.Kind, restore.Array, restore.Index))} = {Restore(restore.Store, restore.Array.Kind)};");
                    break;
                case RLet let:
                    W.Line($"{Type(let.Temp.Kind)} {Id(let.Temp.Name)} = {P(let.Value)};");
                    break;
                case RCallPartials call:
                    W.Line($"{Type(call.Temp.Kind)} {Id(call.Temp.Name)} = {PartialsCall(call)};");
                    break;
                case RTake take:
                    W.Line($"{Type(take.Local.Kind)} {Id(take.Local.Name)} = {P(take.Adjoint)};");
                    W.Line($"{P(take.Adjoint)} = 0;");
                    break;
                case RZero zero:
                    W.Line($"{P(zero.Adjoint)} = 0;");
                    break;
                case RAdd { Declare: true } add:
                    W.Line($"{Type(add.Adjoint.Kind)} {P(add.Adjoint)} = {P(add.Contribution)};");
                    break;
                case RAdd { Contribution: Unary { Operator: UnaryOperator.Negate } negated } add:
                    W.Line($"{P(add.Adjoint)} -= {P(negated.Operand)};");
                    break;
                case RAdd add:
                    W.Line($"{P(add.Adjoint)} += {P(add.Contribution)};");
                    break;
                case RDeclareZero zero:
                    W.Line($"{Type(zero.Adjoint.Kind)} {Id(zero.Adjoint.Name)} = 0;");
                    break;
                case RSpanCallBackward call:
                    EmitSpanCallBackward(call);
                    break;
                case RPopSaved pop:
                    EmitPopSaved(pop.Node);
                    break;
                case RSavedCallBackward call:
                    EmitSavedCallBackward(call);
                    break;
                case RIf branch:
                {
                    string condition = Restore(branch.Forward, ScalarKind.Bool);
                    Comment(branch.Forward);
                    bool then = branch.Then.Any(Effective), otherwise = branch.Else.Any(Effective);
                    // A decision popped from a lent array is a comparison (`… != 0`): negating it needs parentheses.
                    W.Open(then ? $"if ({condition})" : condition.Contains(" ") ? $"if (!({condition}))" : $"if (!{condition})");
                    EmitReverseSweep(then ? branch.Then : branch.Else);
                    W.Close();
                    if (then && otherwise)
                    {
                        W.Open("else");
                        EmitReverseSweep(branch.Else);
                        W.Close();
                    }

                    break;
                }

                case RLoop loop when _reductions.TryGetValue(loop.Forward, out IterationMethod? iteration):
                    EmitReductionReverse(iteration);
                    break;
                case RLoop loop:
                    EmitWithLentStack(LoopCalls.CallFree(loop.Forward), () => EmitReverseLoop(loop));
                    break;
            }
        }
    }

    private void EmitReverseLoop(RLoop loop)
    {
        LLoop forward = loop.Forward;
        Comment(forward);
        if (loop.LastCounter is { } lastValue)
        {
            // The bounds still hold their forward values: run the counter back as hand-written code would.
            LoopCounter statically = forward.Counter!;
            string index = Id(statically.Variable.Name);
            List<FillLoop> copies = CopiesIn(forward).ToList();
            foreach (FillLoop fill in copies.Where(f => !HeldAsSpan(f)).Reverse())
            {
                W.Line($"{Region(fill)} = {PopValue(ScalarKind.Int)};");
            }

            W.Open(statically.Step > 0
                ? $"for ({index} = {P(lastValue)}; {index} >= {P(statically.Start)}; {index}--)"
                : $"for ({index} = {P(lastValue)}; {index} <= {P(statically.Start)}; {index}++)");
            foreach (FillLoop fill in copies)
            {
                W.Line($"{P(fill.Store.Array)} = {RegionSlice(fill)};");
            }

            EmitReverseSweep(loop.Step);
            EmitReverseSweep(loop.Body);
            W.Close();
            if (_mode == Mode.Fused && _slotRegions.TryGetValue(forward, out string? slots))
            {
                EmitReleaseRegion($"{Id(slots)}.Length");
            }

            foreach (FillLoop fill in Enumerable.Reverse(copies))
            {
                EmitReleaseRegion(CopiesLength(fill));
            }

            return;
        }

        string count = Id(LoopLocal(forward, "Count"));
        bool inLocal = _mode == Mode.Fused && _savedLocals.ContainsKey(forward);
        if (_mode == Mode.Backward)
        {
            Hoist(ScalarKind.Int, LoopLocal(forward, "Count"));
        }

        if (!inLocal)
        {
            W.Line($"{count} = {PopValue(ScalarKind.Int)};");
        }

        if (forward.Counter is { } counter)
        {
            string first = P(counter.Start);
            if (counter.Start is not Constant)
            {
                first = Id(LoopLocal(forward, "Start"));
                if (_mode == Mode.Backward)
                {
                    Hoist(ScalarKind.Int, LoopLocal(forward, "Start"));
                }

                if (!inLocal)
                {
                    W.Line($"{first} = {PopValue(ScalarKind.Int)};");
                }
            }

            string i = Id(counter.Variable.Name);
            string last = counter.Start is Constant { Value: 0 } ? (counter.Step > 0 ? $"{count} - 1" : $"1 - {count}")
                : counter.Step > 0 ? $"{first} + {count} - 1" : $"{first} - {count} + 1";
            W.Open(counter.Step > 0
                ? $"for ({i} = {last}; {i} >= {first}; {i}--)"
                : $"for ({i} = {last}; {i} <= {first}; {i}++)");
        }
        else
        {
            W.Open($"for (; {count} > 0; {count}--)");
        }

        EmitReverseSweep(loop.Step);
        EmitReverseSweep(loop.Body);
        W.Close();
    }

    // ---- values saved for the reverse sweep ----

    /// <summary>
    /// Computes, ahead of <paramref name="statement"/>, the values it keeps for the reverse sweep (see
    /// <see cref="SavedNode"/>), saves them, and returns <paramref name="value"/> with those subexpressions replaced by
    /// their temps. Kept in locals in straight-line code of the fused entry, else on the stack.
    /// </summary>
    private Expr EmitSavedNodes(LStmt statement, Expr value, int depth)
    {
        if (!_plan.SavedNodes.TryGetValue(statement, out IReadOnlyList<SavedNode>? saves))
        {
            return value;
        }

        bool inLocals = _mode == Mode.Fused && depth == 0;
        var replacements = new List<(Expr Original, Expr Temp)>();
        foreach (SavedNode node in saves)
        {
            if (inLocals)
            {
                _tempsInLocals.Add(node.Temp.Name);
            }

            switch (node)
            {
                case SavedMath math:
                    W.Line($"// The reverse sweep needs this {math.Call.Function}: keeping it costs less than computing it again.");
                    W.Line($"{Declaration(math.Temp.Kind, math.Temp.Name, inLocals)} = {P(Substitute(math.Call, replacements))};");
                    if (SlotOf(math) is { } slot)
                    {
                        W.Line($"{slot} = {Id(math.Temp.Name)};");
                    }
                    else if (!inLocals)
                    {
                        PushValue(math.Temp.Kind, Id(math.Temp.Name));
                    }

                    break;
                case SavedCall call:
                    EmitSavedCall(call, replacements, inLocals);
                    break;
            }

            replacements.Add((node.Original, node.Temp));
        }

        return Substitute(value, replacements);
    }

    private readonly HashSet<string> _tempsInLocals = new();

    /// <summary><c>T name</c> for a new local, or just <c>name</c> for one hoisted to the top of the entry.</summary>
    private string Declaration(ScalarKind kind, string name, bool hoisted)
    {
        if (!hoisted)
        {
            return $"{Type(kind)} {Id(name)}";
        }

        Hoist(kind, name);
        return Id(name);
    }

    /// <summary>
    /// A call through the callee's gradient entry: the value for the statement, the partials for the reverse sweep
    /// (a span partial is reserved on the stack and kept there; scalar partials are pushed after the call).
    /// </summary>
    private void EmitSavedCall(SavedCall call, List<(Expr Original, Expr Temp)> replacements, bool inLocals)
    {
        Callee callee = call.Call.Callee;
        // A TensorPrimitives reduction that keeps no partial (each is unwanted, or read where it is by the reverse sweep) is
        // the reduction itself; what follows then keeps nothing but, when the reverse reads it, the value.
        bool keepsNothing = callee.CalleeKind == CalleeKind.Primitive && call.Partials.All(p => Unwanted(call, p));
        W.Line(keepsNothing
            ? $"// The reverse sweep reads {callee.Name}'s partials from its arguments, which the method never writes: the call alone gives the value."
            : $"// {callee.Name}'s gradient entry gives its value and the partials the reverse sweep needs, kept so it need not call {callee.Name} again.");
        var outputs = new List<string>();
        foreach (SavedPartial partial in call.Partials)
        {
            if (Unwanted(call, partial))
            {
                outputs.Add("default");
                continue;
            }

            if (partial.Argument is { } argument)
            {
                string reserve = $"{StackId}.Reserve({P(new LengthOf(argument))})";
                if (inLocals)
                {
                    _hoisted.Add((SpanOf(partial.Kind), partial.Name, "default"));
                    W.Line($"{Id(partial.Name)} = {reserve};");
                }
                else
                {
                    W.Line($"{SpanOf(partial.Kind)} {Id(partial.Name)} = {reserve};");
                }

                outputs.Add(Id(partial.Name));
            }
            else
            {
                outputs.Add("out " + Declaration(partial.Kind, partial.Name, inLocals));
            }
        }

        string target = CalleeEntries.GradientEntry(callee, RuleOf(callee));
        IEnumerable<string> arguments = call.Call.Arguments.Select(a => P(Substitute(a, replacements)));
        string value = keepsNothing ? P(Substitute(call.Call, replacements)) : $"{target}({string.Join(", ", arguments.Concat(outputs))})";
        W.Line($"{Declaration(call.Temp.Kind, call.Temp.Name, inLocals)} = {value};");
        if (inLocals)
        {
            return;
        }

        // The spans were reserved one after another: each is kept where it was reserved, the scalars pushed above them.
        var spans = call.Partials.Where(p => p.Argument is not null && !Unwanted(call, p)).ToList();
        for (int k = 0; k < spans.Count; k++)
        {
            string after = string.Join(" + ", spans.Skip(k + 1).Select(p => P(new LengthOf(p.Argument!))));
            W.Line(after.Length == 0 ? $"{StackId}.Keep({Id(spans[k].Name)});" : $"{StackId}.Keep({Id(spans[k].Name)}, {after});");
        }

        foreach (SavedPartial partial in call.Partials.Where(p => p.Argument is null))
        {
            W.Line($"{StackId}.Push({Id(partial.Name)});");
        }

        if (call.ValueRead)
        {
            W.Line($"{StackId}.Push({Id(call.Temp.Name)});");
        }
    }

    /// <summary>
    /// A span partial the forward sweep does not keep: a TensorPrimitives reduction's partial for an operand with no adjoint
    /// (a [NoDerivative] span's, or data the method never differentiates), which nobody reads, or one that is an argument's
    /// elements (<see cref="SavedPartial.Operand"/>), which the reverse sweep reads itself. Its entry skips an empty partial,
    /// so none is reserved or kept. A [Differentiable] callee's entry writes every partial it declares, so those always get their span.
    /// </summary>
    private bool Unwanted(SavedCall call, SavedPartial partial) =>
        call.Call.Callee.CalleeKind == CalleeKind.Primitive && partial.Argument is { } argument && (!_plan.Activity.IsActive(argument) || !partial.IsKept);

    /// <summary>Pops what <see cref="EmitSavedNodes"/> pushed for <paramref name="node"/>, last first (nothing for values kept in locals).</summary>
    private void EmitPopSaved(SavedNode node)
    {
        bool inLocals = _mode == Mode.Fused && _tempsInLocals.Contains(node.Temp.Name);
        switch (node)
        {
            case SavedMath math when SlotOf(math) is { } slot:
                W.Line($"{Type(math.Temp.Kind)} {Id(math.Temp.Name)} = {FromSlot(slot, math.Temp.Kind)};");
                break;
            case SavedMath math when !inLocals:
                W.Line($"{Type(math.Temp.Kind)} {Id(math.Temp.Name)} = {PopValue(math.Temp.Kind)};");
                break;
            case SavedCall call:
                if (call.ValueRead && !inLocals)
                {
                    W.Line($"{Type(call.Temp.Kind)} {Id(call.Temp.Name)} = {StackId}.Pop{Pop(call.Temp.Kind)}();");
                }

                // The forward sweep pushed the scalar partials above the spans it kept.
                foreach (SavedPartial partial in call.Partials.Where(p => p.Argument is null && !inLocals).Reverse())
                {
                    W.Line($"{Type(partial.Kind)} {Id(partial.Name)} = {StackId}.Pop{Pop(partial.Kind)}();");
                }

                foreach (SavedPartial partial in call.Partials.Where(p => p.Argument is not null && !Unwanted(call, p)).Reverse())
                {
                    // The span was reserved in the forward sweep; a local still points at it in straight-line code.
                    string length = SpanLength(partial.Argument!);
                    W.Line(inLocals
                        ? $"{StackId}.Release({length});"
                        : $"global::System.ReadOnlySpan<{Type(partial.Kind)}> {Id(partial.Name)} = {StackId}.PopSpan({length});");
                }

                break;
        }
    }

    /// <summary>The length of a collection in the reverse sweep: Backward knows it from the tape, the other entries from the collection.</summary>
    private string SpanLength(CollectionRef collection) =>
        _mode == Mode.Backward && collection.View is null ? Id(Helper(collection.Name + "Length")) : P(new LengthOf(collection));

    /// <summary>The reverse of a call whose partials the forward sweep saved: seed × partial into each active argument's adjoint.</summary>
    private void EmitSavedCallBackward(RSavedCallBackward backward)
    {
        for (int k = 0; k < backward.Call.Partials.Count; k++)
        {
            SavedPartial partial = backward.Call.Partials[k];
            if (backward.Adjoints[k] is not { } adjoint)
            {
                continue;
            }

            if (partial.Argument is null)
            {
                W.Line($"{P(adjoint)} += {P(backward.Seed)} * {Id(partial.Name)};");
            }
            else if (partial.Operand is { } operand)
            {
                // The partial is an argument's elements (times a constant), read where they are: nothing was kept.
                string target = adjoint is CollectionRef { View: { } view } viewed ? $"{P(viewed with { View = null })}.Slice({P(view.Start)}, {P(view.Length)})" : P(adjoint);
                Expr scaled = partial.Scale == 1 ? backward.Seed : new Binary(ScalarKind.Double, BinaryOperator.Multiply, new Constant(ScalarKind.Double, partial.Scale), backward.Seed);
                W.Line($"{AddScaled}({target}, {P(scaled)}, {P(operand)});");
            }
            else
            {
                // A view's partial adds into the same elements of the viewed collection's adjoint (the call checked the range).
                string target = adjoint is CollectionRef { View: { } view } viewed
                    ? $"{P(viewed with { View = null })}.Slice({P(view.Start)}, {Id(partial.Name)}.Length)"
                    : P(adjoint);
                W.Line($"{AddScaled}({target}, {P(backward.Seed)}, {Id(partial.Name)});");
            }
        }
    }

    /// <summary><paramref name="expr"/> with each subexpression equal to a saved original replaced by its temp.</summary>
    private static Expr Substitute(Expr expr, List<(Expr Original, Expr Temp)> replacements)
    {
        if (replacements.Count == 0)
        {
            return expr;
        }

        foreach ((Expr original, Expr temp) in replacements)
        {
            if (original.Equals(expr))
            {
                return temp;
            }
        }

        return expr switch
        {
            Unary u => u with { Operand = Substitute(u.Operand, replacements) },
            Binary b => b with { Left = Substitute(b.Left, replacements), Right = Substitute(b.Right, replacements) },
            Conversion c => c with { Operand = Substitute(c.Operand, replacements) },
            Conditional c => new Conditional(c.Kind, c.Condition, Substitute(c.WhenTrue, replacements), Substitute(c.WhenFalse, replacements)),
            MathCall m => m with { Arguments = m.Arguments.Select(a => Substitute(a, replacements)).ToEquatableArray() },
            UserCall u => u with { Arguments = u.Arguments.Select(a => Substitute(a, replacements)).ToEquatableArray() },
            _ => expr,
        };
    }

    /// <summary>The callee's differentiable parameters, with their positions and the adjoint each feeds (null where the argument is not active).</summary>
    private static IEnumerable<(int Index, CalleeParameter Parameter, Expr? Adjoint)> DifferentiableParameters(RSpanCallBackward call)
    {
        IReadOnlyList<CalleeParameter> parameters = call.Call.Callee.Parameters;
        int k = 0;
        for (int p = 0; p < parameters.Count; p++)
        {
            if (parameters[p].IsDifferentiable)
            {
                yield return (p, parameters[p], call.Adjoints[k++]);
            }
        }
    }

    private CustomRuleModel? RuleOf(Callee callee) => _plan.Rules.TryGetValue(callee.Key, out CustomRuleModel? rule) ? rule : null;

    /// <summary>
    /// The reverse of a call to a method taking double spans: its fused entry computes the gradient into scratch
    /// space on the thread's stack, which is then scaled by the seed and added to the adjoints.
    /// </summary>
    private void EmitSpanCallThroughFusedEntry(RSpanCallBackward call)
    {
        Callee callee = call.Call.Callee;
        string id = call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string scratchStack = Id(Loop.Names.Preferred("scratchStack" + id));
        W.Line($"{Stack} {scratchStack} = {Stack}.ForCurrentThread;");
        var outputs = new List<string>();
        var accumulate = new List<string>();
        var reserved = new List<string>();
        var rented = new List<(ScalarKind Kind, string Pool)>();
        foreach ((int p, CalleeParameter parameter, Expr? adjoint) in DifferentiableParameters(call))
        {
            string partial = Id(Loop.Names.Preferred("partial" + id + "_" + p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (parameter.Shape == ValueShape.Scalar)
            {
                outputs.Add($"out {Type(parameter.Kind)} {partial}");
                if (adjoint is not null)
                {
                    accumulate.Add($"{P(adjoint)} += {P(call.Seed)} * {partial};");
                }

                continue;
            }

            string length = P(call.Call.Arguments[p]) + ".Length";
            if (parameter.Kind == ScalarKind.Double)
            {
                W.Line($"{SpanOf(parameter.Kind)} {partial} = {scratchStack}.Reserve({length});");
                reserved.Add(length);
            }
            else
            {
                // The thread's stack holds doubles: a float partial (a TensorPrimitives reduction's) comes from the pool.
                string pool = Id(Loop.Names.Preferred(partial + "Pool"));
                W.Line($"{Type(parameter.Kind)}[] {pool} = {Pool}<{Type(parameter.Kind)}>.Shared.Rent({length});");
                W.Line($"{SpanOf(parameter.Kind)} {partial} = new {SpanOf(parameter.Kind)}({pool}, 0, {length});");
                rented.Add((parameter.Kind, pool));
            }

            outputs.Add(partial);
            if (adjoint is not null)
            {
                accumulate.Add($"{AddScaled}({P(adjoint)}, {P(call.Seed)}, {partial});");
            }
        }

        string arguments = string.Join(", ", call.Call.Arguments.Select(P).Concat(outputs));
        W.Line($"{CalleeEntries.GradientEntry(callee, RuleOf(callee))}({arguments});");
        foreach (string line in accumulate)
        {
            W.Line(line);
        }

        if (reserved.Count > 0)
        {
            W.Line($"{scratchStack}.Release({string.Join(" + ", reserved)});");
        }

        foreach ((ScalarKind kind, string pool) in rented)
        {
            W.Line($"{Pool}<{Type(kind)}>.Shared.Return({pool});");
        }
    }

    private string PartialsCall(RCallPartials call)
    {
        Callee callee = call.Call.Callee;
        IEnumerable<string> arguments = call.Call.Arguments.Select(P);
        var outputs = call.PartialNames.Select((name, i) => name is null ? null : $"out {Type(callee.Parameters[i].Kind)} {Id(name)}").Where(o => o is not null);
        string target = CalleeEntries.GradientEntry(callee, RuleOf(callee));
        return $"{target}({string.Join(", ", arguments.Concat(outputs!))})";
    }

    private void EmitSpanCallBackward(RSpanCallBackward call)
    {
        Callee callee = call.Call.Callee;
        if (callee.CalleeKind == CalleeKind.Primitive || callee.Parameters.All(p => !p.IsDifferentiable || p.Shape == ValueShape.Scalar || p.Kind == ScalarKind.Double))
        {
            EmitSpanCallThroughFusedEntry(call);
            return;
        }

        string id = call.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string tape = Id(Loop.Names.Preferred("calleeTape" + id));
        var adjoints = new List<string>();
        var scratches = new List<(ScalarKind Kind, string Pool)>();
        foreach ((int p, CalleeParameter parameter, Expr? adjoint) in DifferentiableParameters(call))
        {
            Expr argument = call.Call.Arguments[p];
            if (adjoint is not null)
            {
                adjoints.Add(parameter.Shape == ValueShape.Scalar ? "ref " + P(adjoint) : P(adjoint));
            }
            else if (parameter.Shape == ValueShape.Scalar)
            {
                string discard = Id(Loop.Names.Preferred("unused" + id + "_" + p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                W.Line($"{Type(parameter.Kind)} {discard} = 0;");
                adjoints.Add("ref " + discard);
            }
            else
            {
                // The callee wants a gradient span for an argument that is not active here: a pooled scratch span.
                string pool = Id(Loop.Names.Preferred("scratch" + id + "_" + p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                W.Line($"{Type(parameter.Kind)}[] {pool} = {Pool}<{Type(parameter.Kind)}>.Shared.Rent({P(argument)}.Length);");
                W.Line($"{SpanOf(parameter.Kind)} {pool}Span = new {SpanOf(parameter.Kind)}({pool}, 0, {P(argument)}.Length);");
                W.Line($"{pool}Span.Clear();");
                adjoints.Add(pool + "Span");
                scratches.Add((parameter.Kind, pool));
            }
        }

        string arguments = string.Join(", ", call.Call.Arguments.Select(P));
        W.Line($"{CalleeEntries.Receiver(callee)}{Id(callee.Name + "Forward")}({arguments}, out var {tape});");
        W.Line($"{CalleeEntries.Receiver(callee)}{Id(callee.Name + "Backward")}(in {tape}, {P(call.Seed)}{string.Concat(adjoints.Select(a => ", " + a))});");
        W.Line($"{tape}.Dispose();");
        foreach ((ScalarKind kind, string pool) in scratches)
        {
            W.Line($"{Pool}<{Type(kind)}>.Shared.Return({pool});");
        }
    }
}
