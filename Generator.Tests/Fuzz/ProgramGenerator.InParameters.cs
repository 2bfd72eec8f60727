using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary><c>in</c> and <c>ref readonly</c> double parameters (<see cref="FuzzFeatures.InParameters"/>), and callers passing <c>in v</c>.</summary>
public sealed partial class ProgramGenerator
{
    /// <summary>
    /// <paramref name="method"/> with some of its double parameters declared <c>in</c> or <c>ref readonly</c>: chosen once its
    /// body is written, among those it never assigns (C# forbids it), passes by ref, or lets a local function capture (CS1628),
    /// and neither [NoDerivative] (the twin detaches those by assigning them) nor an extension's receiver.
    /// </summary>
    private FuzzMethod WithInParameters(FuzzMethod method)
    {
        if (!_features.HasFlag(FuzzFeatures.InParameters))
        {
            return method;
        }

        HashSet<string> untouchable = AssignedDoubles(method.Body);
        untouchable.UnionWith(CapturedByLocalFunctions(method.Body));
        var ins = new List<string>();
        var refReadOnly = new List<string>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (method.KindOf(i) != FuzzParameterKind.Double || method.IsPassive(i) || IsReceiver(method, i) || untouchable.Contains(method.Parameters[i]))
            {
                continue;
            }

            switch (_random.Next(6))
            {
                case 4:
                    ins.Add(method.Parameters[i]);
                    break;
                case 5:
                    refReadOnly.Add(method.Parameters[i]);
                    break;
            }
        }

        return method with { InParameters = ins.ToImmutableArray(), RefReadOnlyParameters = refReadOnly.ToImmutableArray() };
    }

    /// <summary>The doubles a block assigns, steps or passes by ref, in its nested blocks and local functions too.</summary>
    private static HashSet<string> AssignedDoubles(IEnumerable<FuzzStatement> body)
    {
        var assigned = new HashSet<string>(FuzzProgramWalk.Statements(body).Select(s => s switch
        {
            Assign a => a.Name,
            CompoundAssign c => c.Name,
            Increment i => i.Name,
            _ => null,
        }).OfType<string>());
        assigned.UnionWith(FuzzProgramWalk.Expressions(body).OfType<RefArg>().Select(r => r.Name));
        return assigned;
    }

    /// <summary>The variables the local functions declared in <paramref name="body"/> read (their own included: none is a parameter's name).</summary>
    private static IEnumerable<string> CapturedByLocalFunctions(IEnumerable<FuzzStatement> body) =>
        FuzzProgramWalk.Statements(body).OfType<DeclareLocalFunction>()
            .SelectMany(f => FuzzProgramWalk.Expressions(f.Body).Concat(FuzzProgramWalk.Flatten(f.Result)))
            .Select(e => e switch
            {
                Var v => v.Name,
                InArg a => a.Name,
                _ => null,
            })
            .OfType<string>();

    /// <summary>The call with, half the time, a variable given to an <c>in</c> or <c>ref readonly</c> parameter passed as <c>in v</c>.</summary>
    private Call PassIn(Call call)
    {
        FuzzMethod? callee = _methods.FirstOrDefault(m => m.Name == call.Method);
        if (callee is null || (callee.InParameters.IsDefaultOrEmpty && callee.RefReadOnlyParameters.IsDefaultOrEmpty))
        {
            return call;
        }

        ImmutableArray<FuzzExpr> arguments = call.Arguments;
        for (int i = 0; i < arguments.Length; i++)
        {
            if (callee.ReferenceModifier(i).Length > 0 && arguments[i] is Var v && _random.Next(2) == 0)
            {
                arguments = arguments.SetItem(i, new InArg(v.Name));
            }
        }

        return call with { Arguments = arguments };
    }
}
