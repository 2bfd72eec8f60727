using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Differentiation.Loops;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

// Loops whose iterations only add to a sum (ReductionLoop): each iteration, forward then reverse seeded with 1, runs in
// a method of its own, {Name}Loop{Id}Iteration, which adds its gradient into a span the forward sweep reserved on the
// tape; the reverse sweep pops that span and adds it, times the sum's adjoint, into the adjoints. The method's body is
// the ordinary loop-form code of the iteration; it gets, as parameters, exactly the names that code uses.
internal sealed partial class LoopEmitter
{
    private readonly Dictionary<LLoop, IterationMethod> _reductions = new(ReferenceComparer.Instance);
    private readonly List<string> _iterationMethods = new();

    /// <summary>A parameter of an iteration method: how it is declared, and what the caller passes.</summary>
    private sealed record IterationParameter(string Declaration, string Argument);

    /// <summary>
    /// A part of the loop's gradient span, as long as its collection (one slot for a scalar): the sum of the iterations'
    /// gradients for <paramref name="Adjoint"/>, or, when <paramref name="Scratch"/>, room for the adjoint of an array
    /// private to each iteration, which every iteration leaves at zero and the reverse sweep skips.
    /// </summary>
    private sealed record GradientPart(string Adjoint, CollectionRef? Collection, bool Scratch);

    /// <summary>
    /// What the entries need to call an iteration method; <paramref name="RestoresAccumulator"/> when the ordinary sweep
    /// would have saved the sum's value before the loop, which the reduction's forward then saves and its reverse restores.
    /// </summary>
    private sealed record IterationMethod(ReductionLoop Reduction, string Name, IReadOnlyList<IterationParameter> Parameters, IReadOnlyList<GradientPart> Parts, bool RestoresAccumulator);

    private static readonly Regex LineComment = new(@"//[^\n]*", RegexOptions.CultureInvariant);

    private static readonly Regex Identifier = new(@"@?[A-Za-z_][A-Za-z0-9_]*", RegexOptions.CultureInvariant);

    /// <summary>Writes the iteration method of each reduction loop, before the entries that call it; a loop whose code
    /// uses a name the method could not be given stays in the ordinary sweep.</summary>
    private void PlanReductions()
    {
        foreach (ReductionLoop reduction in _plan.Reductions.Values.OrderBy(r => r.Loop.Id))
        {
            var hoistedBefore = _hoisted.ToList();
            Mode modeBefore = _mode;
            _mode = Mode.Fused;
            int indent = _w.Indent;
            _w.Indent = indent + 2;
            string forward = "", reverse = "";
            bool callFree = reduction.Loop.Body.All(LoopCalls.CallFree);
            try
            {
                // Depth 0: like the fused entry's straight-line code, the iteration's top level runs once per call of the method,
                // which reverses it at once, so what it saves there stays in locals.
                void EmitSweeps()
                {
                    forward = Capture(() => EmitForwardSweep(reduction.Loop.Body, 0));
                    reverse = Capture(() => EmitReverseSweep(reduction.Reverse.Body));
                }

                if (callFree)
                {
                    // Nothing between the iteration and its reverse uses the stack: its arrays stay lent from one to the other.
                    (string lend, string takeBack) = WithLentStack(EmitSweeps, "The iteration");
                    forward = lend + forward;
                    reverse += takeBack;
                }
                else
                {
                    EmitSweeps();
                }
            }
            finally
            {
                _w.Indent = indent;
                _mode = modeBefore;
            }

            var helpers = _hoisted.Skip(hoistedBefore.Count).ToList();
            _hoisted.Clear();
            _hoisted.AddRange(hoistedBefore);
            WriteIterationMethod(reduction, forward, reverse, helpers);
        }
    }

    private void WriteIterationMethod(ReductionLoop reduction, string forward, string reverse, List<(string Type, string Name, string Initial)> helpers)
    {
        // The names the code uses; its comments quote the source, whose names need not be the code's.
        string code = LineComment.Replace(forward + reverse, "");
        var used = new HashSet<string>(Identifier.Matches(code).Cast<Match>().Select(m => m.Value.TrimStart('@')));
        var parameters = new List<IterationParameter>();
        var locals = new List<string>();
        var adjointLocals = new List<string>();
        var parts = new List<GradientPart>();
        var handled = new HashSet<string>();
        VariableRef accumulator = reduction.Accumulator;
        if (!_plan.AdjointNames.TryGetValue(accumulator.Name, out string? accumulatorAdjoint))
        {
            return;
        }

        LoopCounter counter = reduction.Loop.Counter!;
        string gradient = LoopLocal(reduction.Loop, "Gradient");

        parameters.Add(new IterationParameter($"{Type(accumulator.Kind)} {Id(accumulator.Name)}", Id(accumulator.Name)));
        parameters.Add(new IterationParameter($"int {Id(counter.Variable.Name)}", Id(counter.Variable.Name)));
        handled.UnionWith(new[] { accumulator.Name, accumulatorAdjoint, counter.Variable.Name });
        if (used.Contains(_plan.StackName))
        {
            parameters.Add(new IterationParameter($"{Stack} {StackId}", StackId));
        }

        handled.Add(_plan.StackName);
        foreach (var helper in helpers.Where(h => used.Contains(h.Name) && handled.Add(h.Name)))
        {
            locals.Add($"{helper.Type} {Id(helper.Name)} = {helper.Initial};");
        }

        var localKinds = Loop.Locals.ToDictionary(l => l.Name, l => l.Kind);
        if (!reduction.IterationLocals.All(localKinds.ContainsKey))
        {
            return;
        }

        foreach (string local in reduction.IterationLocals.Where(used.Contains))
        {
            handled.Add(local);
            locals.Add($"{Type(localKinds[local])} {Id(local)} = {ExprPrinter.Literal(localKinds[local], 0)};");
        }

        foreach (string local in reduction.IterationLocals)
        {
            if (_plan.AdjointNames.TryGetValue(local, out string? adjoint) && used.Contains(adjoint) && handled.Add(adjoint))
            {
                adjointLocals.Add($"{Type(localKinds[local])} {Id(adjoint)} = 0;");
            }
        }

        // Values from outside the loop: read-only, by value; the adjoints of the active ones are parts of the gradient span.
        foreach (ParameterModel parameter in _method.Parameters.Where(p => p.Kind is not null && used.Contains(p.Name) && handled.Add(p.Name)))
        {
            parameters.Add(new IterationParameter($"{parameter.TypeName} {Id(parameter.Name)}", Id(parameter.Name)));
            AddGradientPart(parameter.Name, parameter.Shape == ValueShape.Scalar ? null : new CollectionRef(parameter.Kind!.Value, parameter.Shape, parameter.Name));
        }

        foreach (VariableRef local in Loop.Locals.Where(l => used.Contains(l.Name) && handled.Add(l.Name)))
        {
            parameters.Add(new IterationParameter($"{Type(local.Kind)} {Id(local.Name)}", Id(local.Name)));
            AddGradientPart(local.Name, null);
        }

        foreach (CollectionRef array in Loop.LocalArrays.Where(a => used.Contains(a.Name) && handled.Add(a.Name)))
        {
            parameters.Add(new IterationParameter($"{SpanOf(array.Kind)} {Id(array.Name)}", Id(array.Name)));
            AddGradientPart(array.Name, array, scratch: reduction.PrivateArrays.Contains(array.Name));
        }

        // A collection the iteration does not read may still get adjoints from it: a linear fill's operand, which the
        // reverse of the fill's reads adds into directly (FillLoops). Its adjoint is a part of the gradient all the same.
        foreach (ParameterModel parameter in _method.Parameters.Where(p => p.Kind is not null && p.Shape != ValueShape.Scalar && !handled.Contains(p.Name)))
        {
            AddGradientPart(parameter.Name, new CollectionRef(parameter.Kind!.Value, parameter.Shape, parameter.Name));
        }

        foreach (CollectionRef array in Loop.LocalArrays.Where(a => !handled.Contains(a.Name)))
        {
            AddGradientPart(array.Name, array);
        }

        // Anything else the code names (the result, an array's pool or length…) is not the iteration's: leave the loop as it is.
        var methodNames = new HashSet<string>(_method.Parameters.Select(p => p.Name).Concat(Loop.Locals.Select(l => l.Name)).Append(Loop.Result.Name)
            .Concat(Loop.LocalArrays.Select(a => a.Name)).Concat(_plan.AdjointNames.Values).Concat(_helperNames.Values));
        if (used.Any(name => methodNames.Contains(name) && !handled.Contains(name)))
        {
            return;
        }

        var parameterList = parameters.Concat(parts.Select((part, i) => new IterationParameter(
            part.Collection is null ? $"ref double {Id(Helper(part.Adjoint + "Sum"))}" : $"global::System.Span<double> {Id(part.Adjoint)}",
            part.Collection is null ? $"ref {Id(gradient)}[{Offset(parts, i, ForwardLength)}]" : Id(GradientSlice(reduction.Loop, part)))))
            .ToList();
        bool restores = AccumulatorSaved(reduction.Loop.Body, accumulator.Name);
        // Overloads of the method carry their suffix (as their tapes do), so their iteration methods cannot clash.
        string overloadSuffix = _method.TapeName.StartsWith(Name + "Tape", System.StringComparison.Ordinal) ? _method.TapeName.Substring(Name.Length + 4) : "";
        string name = Helper(Name + "Loop" + reduction.Loop.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Iteration" + overloadSuffix);
        var w = new CodeWriter { Indent = _w.Indent };
        string source = reduction.Loop.Source is { } s ? $" (line {s.Line})" : "";
        w.Line($"/// <summary>");
        w.Line($"/// One iteration of the loop{source} that adds to <c>{accumulator.Name}</c> in <c>{Name}</c>: runs it, then its reverse seeded with 1, so that");
        w.Line($"/// the iteration's gradient adds into the adjoint spans passed in (parts of the loop's gradient). Returns <c>{accumulator.Name}</c> after the iteration.");
        w.Line($"/// </summary>");
        // Inlined into the loop that calls it, an iteration passes no arguments (a dozen spans) and sets up no frame
        // (GMM at d = 2, K = 5: 4 % faster than a call per iteration; Gmm/README.md, round 7).
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.Open($"private {(_method.IsStatic ? "static " : "")}{Type(accumulator.Kind)} {Id(name)}({string.Join(", ", parameterList.Select(p => p.Declaration))})");
        foreach (string local in locals)
        {
            w.Line(local);
        }

        w.Line("// The iteration, as the source runs it.");
        Block(w, forward);
        string result = Id(accumulator.Name);
        if (restores)
        {
            result = Id(Helper(accumulator.Name + "After"));
            w.Line($"{Type(accumulator.Kind)} {result} = {Id(accumulator.Name)};");
        }

        w.Line($"// Its reverse, with {accumulator.Name}'s adjoint at 1.");
        w.Line($"{Type(accumulator.Kind)} {Id(accumulatorAdjoint)} = 1.0;");
        foreach (string local in adjointLocals)
        {
            w.Line(local);
        }

        // An outer scalar's adjoint accumulates in a local, added to its slot of the loop's gradient once at the end.
        foreach (GradientPart part in parts.Where(p => p.Collection is null))
        {
            w.Line($"double {Id(part.Adjoint)} = 0;");
        }

        Block(w, reverse);
        foreach (GradientPart part in parts.Where(p => p.Collection is null))
        {
            w.Line($"{Id(Helper(part.Adjoint + "Sum"))} += {Id(part.Adjoint)};");
        }

        w.Line($"return {result};");
        w.Close();
        _iterationMethods.Add(w.ToString());
        _reductions[reduction.Loop] = new IterationMethod(reduction, name, parameterList, parts, restores);

        void AddGradientPart(string primal, CollectionRef? collection, bool scratch = false)
        {
            if (_plan.AdjointNames.TryGetValue(primal, out string? adjoint) && used.Contains(adjoint) && handled.Add(adjoint))
            {
                parts.Add(new GradientPart(adjoint, collection, scratch));
            }
        }
    }

    /// <summary>
    /// A local (or local array) that only iterations of a loop differentiated per iteration use: its adjoint lives in the
    /// iteration method and its values matter only there, so the entries neither declare its adjoint nor hand its value
    /// from Forward to Backward (a local also used outside that loop is not one).
    /// </summary>
    private bool IterationOnly(string local) =>
        _reductions.Values.Any(r => r.Reduction.IterationLocals.Contains(local) || r.Reduction.PrivateArrays.Contains(local))
        && !OutsideReductions(Loop.Body).Contains(local);

    private HashSet<string>? _namesOutsideReductions;

    /// <summary>The names the method's statements outside its per-iteration loops read or assign.</summary>
    private HashSet<string> OutsideReductions(IReadOnlyList<LStmt> body)
    {
        if (_namesOutsideReductions is not null)
        {
            return _namesOutsideReductions;
        }

        var names = new HashSet<string>();
        LoopStatements.Visit(body, statement =>
        {
            names.UnionWith(LoopStatements.OwnExpressions(statement).SelectMany(ExprNames.Read));
            if (LoopStatements.AssignedScalar(statement) is { } assigned) names.Add(assigned.Name);
        }, skip: statement => statement is LLoop loop && _reductions.ContainsKey(loop));
        return _namesOutsideReductions = names;
    }

    /// <summary>A block of its own, so that the locals the forward and the reverse code each declare do not clash.</summary>
    private static void Block(CodeWriter writer, string code)
    {
        writer.Line("{");
        writer.Raw(code);
        writer.Line("}");
    }

    /// <summary>The local holding the slice of the loop's gradient that a collection's adjoint is: <c>loop9GradientOfMeans</c>.</summary>
    private string GradientSlice(LLoop loop, GradientPart part)
    {
        string name = part.Collection!.Name;
        return Helper(LoopLocal(loop, "GradientOf") + NameStems.Capitalized(name));
    }

    private string ForwardLength(GradientPart part) => part.Collection is { } c ? P(new LengthOf(c)) : "1";

    private string ReverseLength(GradientPart part) => part.Collection is { } c ? SpanLength(c) : "1";

    /// <summary>Where part <paramref name="index"/> starts in the loop's gradient span: the lengths of the parts before it.</summary>
    private static string Offset(IReadOnlyList<GradientPart> parts, int index, System.Func<GradientPart, string> length) =>
        Sum(parts.Take(index), length);

    /// <summary>The lengths added up, the collections' first and the scalars' slots counted in one number.</summary>
    private static string Sum(IEnumerable<GradientPart> parts, System.Func<GradientPart, string> length)
    {
        var terms = parts.Where(p => p.Collection is not null).Select(length).ToList();
        int scalars = parts.Count(p => p.Collection is null);
        if (scalars > 0 || terms.Count == 0)
        {
            terms.Add(scalars.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join(" + ", terms);
    }

    private bool AccumulatorSaved(IReadOnlyList<LStmt> statements, string accumulator) => statements.Any(s => s switch
    {
        LAssign a => a.Target.Name == accumulator && _plan.SavedAssignments.Contains(a),
        LIf i => AccumulatorSaved(i.Then, accumulator) || AccumulatorSaved(i.Else, accumulator),
        LLoop l => AccumulatorSaved(l.Body, accumulator) || AccumulatorSaved(l.Step, accumulator),
        _ => false,
    });

    /// <summary>The forward sweep of a reduction loop: reserve and clear the gradient span, call the iteration method per iteration, keep the span.</summary>
    private void EmitReductionForward(IterationMethod method)
    {
        ReductionLoop reduction = method.Reduction;
        LLoop loop = reduction.Loop;
        string accumulator = Id(reduction.Accumulator.Name);
        string gradient = Id(LoopLocal(loop, "Gradient"));
        Comment(loop);
        W.Line($"// Each iteration only adds to {reduction.Accumulator.Name}: {method.Name} differentiates it as soon as it has run and adds its");
        W.Line($"// gradient into {LoopLocal(loop, "Gradient")}, which the reverse sweep scales by {reduction.Accumulator.Name}'s adjoint. Nothing is kept per iteration.");
        if (method.RestoresAccumulator)
        {
            Save(loop, reduction.Accumulator.Kind, accumulator, 0);
        }

        W.Line($"global::System.Span<double> {gradient} = {StackId}.Reserve({Sum(method.Parts, ForwardLength)});");
        W.Line($"{gradient}.Clear();");
        // The parts an iteration adds into are the same slices every time: taken once, not per call.
        for (int i = 0; i < method.Parts.Count; i++)
        {
            if (method.Parts[i].Collection is not null)
            {
                W.Line($"global::System.Span<double> {Id(GradientSlice(loop, method.Parts[i]))} = {gradient}.Slice({Offset(method.Parts, i, ForwardLength)}, {ForwardLength(method.Parts[i])});");
            }
        }

        LoopCounter counter = loop.Counter!;
        string index = Id(counter.Variable.Name);
        W.Open($"for ({index} = {P(counter.Start)}; {P(loop.Condition)}; {index}{(counter.Step > 0 ? "++" : "--")})");
        string receiver = _method.IsStatic ? "" : "this.";
        W.Line($"{accumulator} = {receiver}{Id(method.Name)}({string.Join(", ", method.Parameters.Select(p => p.Argument))});");
        W.Close();
        W.Line($"{StackId}.Keep({gradient});");
    }

    /// <summary>The reverse sweep of a reduction loop: the kept gradient, times the accumulator's adjoint, into each adjoint.</summary>
    private void EmitReductionReverse(IterationMethod method)
    {
        ReductionLoop reduction = method.Reduction;
        string kept = Id(LoopLocal(reduction.Loop, "GradientKept"));
        string scale = Id(_plan.AdjointNames[reduction.Accumulator.Name]);
        Comment(reduction.Loop);
        W.Line($"// The loop's gradient, summed over its iterations by the forward sweep, times {reduction.Accumulator.Name}'s adjoint.");
        W.Line($"global::System.ReadOnlySpan<double> {kept} = {StackId}.PopSpan({Sum(method.Parts, ReverseLength)});");
        for (int i = 0; i < method.Parts.Count; i++)
        {
            GradientPart part = method.Parts[i];
            if (part.Scratch)
            {
                continue;
            }

            string offset = Offset(method.Parts, i, ReverseLength);
            W.Line(part.Collection is null
                ? $"{Id(part.Adjoint)} += {scale} * {kept}[{offset}];"
                : $"{AddScaled}({Id(part.Adjoint)}, {scale}, {kept}.Slice({offset}, {ReverseLength(part)}));");
        }

        if (method.RestoresAccumulator)
        {
            W.Line($"{Id(reduction.Accumulator.Name)} = {Restore(reduction.Loop, reduction.Accumulator.Kind)};");
        }
    }
}
