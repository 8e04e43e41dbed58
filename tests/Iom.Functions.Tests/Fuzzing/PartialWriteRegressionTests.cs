using System.Net;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>
/// A submission that fails part way leaves nothing behind: the fuzz run found a reference reservation left by a
/// request abandoned between reserving the reference and writing the locator, and claims left by one abandoned while
/// claiming. Here the store itself fails at those two points.
/// </summary>
public sealed class PartialWriteRegressionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_submission_failing_after_its_reference_is_reserved_leaves_no_reservation_claim_or_referral()
    {
        var report = await SubmitWhileFailingAsync(key => key.Id.StartsWith("referral-", StringComparison.Ordinal));

        report.Violations.ShouldBeEmpty();
        report.DocumentsByKind.Keys.ShouldNotContain("referral-locator");
        report.DocumentsByKind.Keys.ShouldNotContain("identity-claim");
        report.DocumentsByKind.Keys.ShouldNotContain("referral");
    }

    [Fact]
    public async Task A_submission_failing_half_way_through_claiming_its_identifiers_leaves_no_claim()
    {
        // The PNC is claimed first, then names and date of birth: the second claim fails.
        var report = await SubmitWhileFailingAsync(key => key.Id.StartsWith("name-dob:", StringComparison.Ordinal));

        report.Violations.ShouldBeEmpty();
        report.DocumentsByKind.Keys.ShouldNotContain("identity-claim");
    }

    private static async Task<InvariantReport> SubmitWhileFailingAsync(Func<DocumentKey, bool> failCreating)
    {
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: [], overrideServices: services =>
        {
            var store = services.Last(d => d.ServiceType == typeof(IDocumentStore));
            services.AddSingleton<IDocumentStore>(sp => new FailingStore(
                (IDocumentStore)(store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)), failCreating));
        });
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer);
        request.Content = RunningLocalHost.Json(ReferralApiTests.ValidReferral().ToJsonString());

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        return await new StoreInvariants(host.Services).CheckAsync(new Dictionary<string, int>(), Ct);
    }

    /// <summary>The real store, except that creating the documents <c>failCreating</c> picks fails.</summary>
    private sealed class FailingStore(IDocumentStore inner, Func<DocumentKey, bool> failCreating) : IDocumentStore
    {
        public Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) => inner.ReadAsync<T>(key, cancellationToken);

        public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
            failCreating(key) ? throw new IOException($"Injected failure creating {key}.") : inner.CreateAsync(key, value, cancellationToken);

        public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) =>
            inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);

        public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => inner.UpsertAsync(key, value, cancellationToken);

        public Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, ifMatchETag, cancellationToken);

        public IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) =>
            inner.ReadPartitionAsync<T>(container, partition, cancellationToken);

        public IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) =>
            inner.ReadKindAsync<T>(container, cancellationToken);

        public Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
            inner.CommitAsync(container, partition, writes, cancellationToken);
    }
}
