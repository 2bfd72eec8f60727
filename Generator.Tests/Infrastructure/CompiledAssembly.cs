using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// An in-memory test assembly loaded into its own collectible load context, so hundreds of test
/// compilations do not pile up in the process. Dependencies (AutoDiffGen.Runtime, the framework)
/// resolve from the default context, so types such as attributes are shared with the test.
/// </summary>
public sealed class CompiledAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    internal CompiledAssembly(byte[] image, string name)
    {
        _context = new AssemblyLoadContext("AutoDiffGen test: " + name, isCollectible: true);
        Assembly = _context.LoadFromStream(new MemoryStream(image));
    }

    public Assembly Assembly { get; }

    public Type GetType(string fullName) =>
        Assembly.GetType(fullName, throwOnError: false)
        ?? throw new InvalidOperationException($"The compiled test assembly has no type '{fullName}'.");

    /// <summary>Calls a public static method, unwrapping TargetInvocationException so the real failure shows.</summary>
    public object? InvokeStatic(string typeName, string methodName, params object?[] arguments)
    {
        MethodInfo method = GetType(typeName).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Type '{typeName}' has no public static method '{methodName}'.");
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public void Dispose() => _context.Unload();
}
