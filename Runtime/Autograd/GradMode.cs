using System;

namespace AutoDiffGen;

/// <summary>Whether ops record the graph on this thread (PyTorch's thread-local grad mode).</summary>
internal static class GradMode
{
    // ThreadStatic fields start false on every thread, so the field stores "disabled".
    [ThreadStatic]
    private static bool s_disabled;

    public static bool IsEnabled
    {
        get => !s_disabled;
        set => s_disabled = !value;
    }
}

/// <summary>
/// Sets grad mode for the current thread until disposed, then restores the mode it replaced;
/// scopes nest. Created by <see cref="Autograd.NoGrad"/> and <see cref="Autograd.EnableGrad"/>.
/// </summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool _previous;
    private bool _disposed;

    internal GradModeScope(bool enabled)
    {
        _previous = GradMode.IsEnabled;
        GradMode.IsEnabled = enabled;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            GradMode.IsEnabled = _previous;
        }
    }
}
