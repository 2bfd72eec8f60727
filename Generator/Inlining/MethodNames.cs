using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>Every name a method's parameters, locals and arrays use, in any scope: the names an inlined callee must not take.</summary>
internal static class MethodNames
{
    public static HashSet<string> Of(MethodModel method)
    {
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        foreach (Stmt statement in StmtChildren.AllOf(method.Body))
        {
            if (Declared(statement) is { } declared)
            {
                names.Add(declared);
            }

            names.UnionWith(StmtChildren.ExpressionsOf(statement).SelectMany(ExprChildren.AllOf).Select(Referenced).OfType<string>());
        }

        return names;
    }

    /// <summary>The local a statement declares or assigns, if any.</summary>
    private static string? Declared(Stmt statement) => statement switch
    {
        LocalDeclaration d => d.Name,
        Assignment a => a.Name,
        LocalArray a => a.Name,
        ForEach fe => fe.Variable,
        _ => null,
    };

    /// <summary>The variable or collection an expression names, if it is one.</summary>
    private static string? Referenced(Expr expr) => expr switch
    {
        VariableRef v => v.Name,
        CollectionRef c => c.Name,
        _ => null,
    };
}
