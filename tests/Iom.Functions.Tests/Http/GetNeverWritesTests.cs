using System.Collections.Concurrent;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Http;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// Every HTTP function that answers GET, called at a path its route matches (<see cref="RouteSamples"/>) by every role,
/// through a store that refuses any write made while a GET is being answered — except the audit record of the read
/// itself, which the law asks for (docs/architecture.md, "Audit"), and the data-protection key ring, which ASP.NET
/// creates once on first use. A GET that repairs, records or tidies anything fails here.
/// </summary>
public sealed class GetNeverWritesTests
{
    // Kinds a GET may write: the audit chain of a consultation, and the key ring made on first use.
    private static readonly HashSet<string> Permitted = ["audit", "audit-head", "data-protection-key"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_get_of_any_function_writes_anything_but_the_audit_record_of_its_read()
    {
        RefusingWritesDuringGets? store = null;
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: [], overrideServices: services =>
        {
            services.AddHttpContextAccessor();
            var inner = services.Last(d => d.ServiceType == typeof(IDocumentStore));
            services.AddSingleton<IDocumentStore>(sp => store = new RefusingWritesDuringGets(
                (IDocumentStore)(inner.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)),
                sp.GetRequiredService<IHttpContextAccessor>()));
        });
        var (referralId, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var gets = FunctionCatalog.ForApp().Http.Where(f => f.Verbs.Contains("get", StringComparer.OrdinalIgnoreCase)).ToList();
        gets.Select(f => f.Name).ShouldContain("ListReferrals");

        var answered = new List<string>();
        foreach (var function in gets)
        {
            var path = RouteSamples.PathFor(function.Route).Replace(RouteSamples.Guid, function.Route.StartsWith("people", StringComparison.Ordinal) ? personId : referralId, StringComparison.Ordinal)
                + function.Name switch
                {
                    "ListReferrals" => "?panel=iom&pageSize=1",
                    "ReadAuditLog" or "VerifyAuditLog" => $"?person={personId}",
                    "FindPeople" => "?noms=A1234BC",
                    _ => "",
                };
            foreach (var role in Roles.All)
            {
                using var request = RunningLocalHost.Request(HttpMethod.Get, path, role, email: "ppo.police@richmond-iom.example");
                var response = await host.Client.SendAsync(request, Ct);
                ((int)response.StatusCode).ShouldBeLessThan(500, $"GET {path} as {role}");
                if (response.IsSuccessStatusCode)
                {
                    answered.Add(function.Name);
                }
            }
        }

        store!.Refused.ShouldBeEmpty();
        answered.ShouldContain("ListReferrals");
        answered.ShouldContain("GetReferral");
    }

    /// <summary>The real store, except that a write made while a GET is answered is recorded and refused.</summary>
    private sealed class RefusingWritesDuringGets(IDocumentStore inner, IHttpContextAccessor requests) : DelegatingDocumentStore(inner)
    {
        public ConcurrentQueue<string> Refused { get; } = new();

        public override Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
            Check<StoredDocument<T>>(DocumentKind.Of<T>(), key.Container) ?? Inner.CreateAsync(key, value, cancellationToken);

        public override Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) =>
            Check<StoredDocument<T>>(DocumentKind.Of<T>(), key.Container) ?? Inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);

        public override Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
            Check<StoredDocument<T>>(DocumentKind.Of<T>(), key.Container) ?? Inner.UpsertAsync(key, value, cancellationToken);

        public override Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
            Check<bool>("a delete", key.Container) ?? Inner.DeleteAsync(key, ifMatchETag, cancellationToken);

        public override Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            foreach (var write in writes)
            {
                var kind = write switch
                {
                    CreateWrite w => w.Kind,
                    ReplaceWrite w => w.Kind,
                    UpsertWrite w => w.Kind,
                    _ => "a delete",
                };
                if (Check<object>(kind, container) is { } refused)
                {
                    return refused;
                }
            }

            return Inner.CommitAsync(container, partition, writes, cancellationToken);
        }

        private Task<TResult>? Check<TResult>(string kind, string container)
        {
            if (requests.HttpContext?.Request.Method != HttpMethods.Get || Permitted.Contains(kind))
            {
                return null;
            }

            var what = $"{requests.HttpContext.Request.Path}: {kind} in {container}";
            Refused.Enqueue(what);
            return Task.FromException<TResult>(new InvalidOperationException($"A GET wrote {what}."));
        }
    }
}
