using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Iom.LocalHost.Hosting;

/// <summary>Builds a function class from the request's DI scope, as the worker does, and awaits its method.</summary>
internal static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(IServiceProvider services, MethodInfo method, object?[] arguments)
    {
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(wrapped.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task;
                return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }

    /// <summary>Refuses at start-up a parameter the local host cannot bind, rather than failing on first call.</summary>
    public static void RequireBindable(MethodInfo method, Func<ParameterInfo, bool> canBind)
    {
        var unbindable = method.GetParameters().Where(p => !canBind(p)).Select(p => $"{p.ParameterType.Name} {p.Name}").ToList();
        if (unbindable.Count > 0)
        {
            throw new InvalidOperationException(
                $"The local host cannot bind {string.Join(", ", unbindable)} of {method.DeclaringType?.Name}.{method.Name}.");
        }
    }
}
