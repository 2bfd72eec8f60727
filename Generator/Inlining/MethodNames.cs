using System.Collections.Generic;
using AutoDiffGen.Generator.Ir;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Inlining;

/// <summary>Every name a method's parameters, locals and arrays use, in any scope: the names an inlined callee must not take.</summary>
internal static class MethodNames
{
    public static HashSet<string> Of(MethodModel method)
    {
        var names = new HashSet<string>();
        foreach (ParameterModel parameter in method.Parameters)
        {
            names.Add(parameter.Name);
        }

        Add(method.Body, names);
        return names;
    }

    private static void Add(Stmt statement, HashSet<string> names)
    {
        switch (statement)
        {
            case LocalDeclaration d:
                names.Add(d.Name);
                Add(d.Initializer, names);
                break;
            case Assignment a:
                names.Add(a.Name);
                Add(a.Value, names);
                break;
            case ElementAssignment e:
                Add(e.Collection, names);
                Add(e.Index, names);
                Add(e.Value, names);
                break;
            case LocalArray a:
                names.Add(a.Name);
                Add(a.Length, names);
                break;
            case Return r:
                Add(r.Value, names);
                break;
            case Block b:
                foreach (Stmt inner in b.Statements)
                {
                    Add(inner, names);
                }

                break;
            case If i:
                Add(i.Condition, names);
                Add(i.Then, names);
                if (i.Else is not null)
                {
                    Add(i.Else, names);
                }

                break;
            case Switch s:
                Add(s.Governing, names);
                foreach (SwitchSection section in s.Sections)
                {
                    Add(section.Body, names);
                }

                break;
            case While w:
                Add(w.Condition, names);
                Add(w.Body, names);
                break;
            case DoWhile d:
                Add(d.Condition, names);
                Add(d.Body, names);
                break;
            case For f:
                foreach (Stmt part in f.Initializers)
                {
                    Add(part, names);
                }

                Add(f.Condition, names);
                foreach (Stmt part in f.Incrementors)
                {
                    Add(part, names);
                }

                Add(f.Body, names);
                break;
            case ForEach fe:
                names.Add(fe.Variable);
                Add(fe.Collection, names);
                Add(fe.Body, names);
                break;
            case Throw t:
                foreach (Expr read in t.Thrown.Reads)
                {
                    Add(read, names);
                }

                break;
        }
    }

    private static void Add(Expr? expr, HashSet<string> names)
    {
        if (expr is null)
        {
            return;
        }

        switch (expr)
        {
            case VariableRef v:
                names.Add(v.Name);
                break;
            case CollectionRef c:
                names.Add(c.Name);
                break;
            case SwitchExpression s:
                Add(s.Governing, names);
                foreach (SwitchArm arm in s.Arms)
                {
                    Add(arm.Value, names);
                }

                break;
            case LengthOf l:
                Add(l.Collection, names);
                break;
        }

        foreach (Expr child in ExprChildren.Of(expr))
        {
            Add(child, names);
        }
    }
}
