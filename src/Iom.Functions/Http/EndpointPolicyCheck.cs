using Iom.Application.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Iom.Functions.Http;

/// <summary>
/// Refuses to start an app in which an HTTP function declares no access policy, or declares an object rule that is
/// not registered or has no clause for one of the roles the function admits (that role would reach nothing, which is
/// a mistake in the declaration, not a policy). Both hosts run it; the pipeline fails closed regardless.
/// </summary>
public sealed class EndpointPolicyCheck(FunctionCatalog catalog, IServiceProvider services) : IHostedService
{
    public static IReadOnlyList<string> Faults(FunctionCatalog catalog, IServiceProvider services)
    {
        var faults = new List<string>();
        foreach (var function in catalog.Http)
        {
            if (function.Policy is null)
            {
                faults.Add($"HTTP function {function.Name} declares no access policy ([AllowRoles], [SignedBy] or [Anonymous]), or an object rule that is not an {nameof(IObjectRule)}, or more than one kind.");
            }
            else if (function.Policy.Signer is { } signer && services.GetService(signer) is not IRequestSignature)
            {
                faults.Add($"HTTP function {function.Name} is signed by {signer.Name}, which is not a registered {nameof(IRequestSignature)}.");
            }
            else if (function.Policy.Objects is { } type)
            {
                if (services.GetService(type) is not IObjectRule rule)
                {
                    faults.Add($"HTTP function {function.Name} declares the object rule {type.Name}, which is not registered.");
                }
                else if (function.Policy.Roles.Except(rule.Roles).ToList() is { Count: > 0 } uncovered)
                {
                    faults.Add($"HTTP function {function.Name} admits {string.Join(", ", uncovered)}, for which its object rule {type.Name} has no clause.");
                }
            }
        }

        return faults;
    }

    public static void ThrowIfFaulty(FunctionCatalog catalog, IServiceProvider services)
    {
        if (Faults(catalog, services) is { Count: > 0 } faults)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, faults));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ThrowIfFaulty(catalog, services);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
