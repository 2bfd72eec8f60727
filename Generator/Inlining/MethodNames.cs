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

            foreach (Expr expr in StmtChildren.ExpressionsOf(statement))
            {
                AddReferences(expr, names);
            }
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

    private static void AddReferences(Expr expr, HashSet<string> names)
    {
        switch (expr)
        {
            case VariableRef v:
                names.Add(v.Name);
                break;
            case CollectionRef c:
                names.Add(c.Name);
                break;
            case LengthOf l:
                AddReferences(l.Collection, names);
                break;
            case SwitchExpression s:
                AddReferences(s.Governing, names);
                foreach (SwitchArm arm in s.Arms)
                {
                    AddReferences(arm.Value, names);
                }

                break;
        }

        foreach (Expr child in ExprChildren.Of(expr))
        {
            AddReferences(child, names);
        }
    }
}
