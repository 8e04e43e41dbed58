using System.Net;
using Microsoft.AspNetCore.Http;
using Iom.Application.Identity;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Submit;
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

    /// <summary>How an injected store call goes wrong.</summary>
    public enum Fault
    {
        /// <summary>The call fails and nothing is written (a lost connection before the request left).</summary>
        Failed,

        /// <summary>The call is applied, then reported as a timeout: its outcome unknown to the caller.</summary>
        AppliedButReportedFailure,
    }

    /// <summary>
    /// Each store call of a submission in turn goes wrong, once as <see cref="Fault.Failed"/> and once as
    /// <see cref="Fault.AppliedButReportedFailure"/>, and the client retries with the same Idempotency-Key whatever the
    /// first answer was. The retry is taken in (201), with the first answer when the first was 201; a retry told the
    /// first is still in flight (a key that could not be given back) is taken in once the first can no longer be running.
    /// Afterwards nothing is orphaned (the store's invariants), each person has exactly one referral (no duplicate from
    /// the retry), no outbox entry is left undispatched, and each referral had exactly one acknowledgement e-mail.
    /// </summary>
    [Theory]
    [InlineData(Fault.Failed)]
    [InlineData(Fault.AppliedButReportedFailure)]
    public async Task A_submission_going_wrong_at_any_store_call_leaves_no_orphan_no_duplicate_after_the_retry_and_one_acknowledgement(Fault fault)
    {
        FailingStore? failing = null;
        var clock = new AdjustableClock();
        await using var host = await RunningLocalHost.StartAsync(extraArgs: ["--RateLimits:PermitsPerMinute=1000"], extraFunctionTypes: [], overrideServices: services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<TimeProvider>(clock);
            var store = services.Last(d => d.ServiceType == typeof(IDocumentStore));
            services.AddSingleton<IDocumentStore>(sp => failing = new FailingStore(
                (IDocumentStore)(store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)), _ => false,
                sp.GetRequiredService<IHttpContextAccessor>()));
        });

        var firstAnswers = new List<string>();
        var people = 0;
        for (var failAt = 1; failAt <= 60; failAt++)
        {
            failing!.FailCall(failAt, fault);
            var body = ReferralApiTests.ValidReferral($"Faulted{(char)('a' + (failAt % 26))}", $"Person{(char)('a' + (failAt / 26))}", $"{1940 + failAt}-01-02", pnc: null).ToJsonString();
            var key = $"{fault}-{failAt}";
            var first = await SubmitAsync(host, body, key);
            people++;
            if (!failing.Injected)
            {
                // This submission made fewer calls than failAt: every call has had its turn.
                first.Status.ShouldBe(HttpStatusCode.Created);
                break;
            }

            firstAnswers.Add($"call {failAt} ({failing.InjectedCall}): {(int)first.Status}");
            var retry = await SubmitAsync(host, body, key);
            if (retry.Status == HttpStatusCode.Conflict && retry.Body.Contains(SubmitReferralHandler.KeyInFlightReason, StringComparison.Ordinal))
            {
                clock.Advance(IdentityClaims.InFlightGrace);
                retry = await SubmitAsync(host, body, key);
            }

            retry.Status.ShouldBe(HttpStatusCode.Created, $"the retry after call {failAt} ({failing.InjectedCall}) went wrong: {retry.Body}");
            if (first.Status == HttpStatusCode.Created)
            {
                retry.Body.ShouldBe(first.Body, $"the retry after call {failAt} ({failing.InjectedCall}) was not given the first answer");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, firstAnswers));
        firstAnswers.Count.ShouldBeGreaterThan(8);
        firstAnswers.ShouldAllBe(a => a.EndsWith(": 201", StringComparison.Ordinal) || a.EndsWith(": 500", StringComparison.Ordinal) || a.EndsWith(": 503", StringComparison.Ordinal));
        if (fault == Fault.AppliedButReportedFailure)
        {
            // The commit that was applied and reported as timed out is read back and answered as taken in.
            firstAnswers.ShouldContain(a => a.Contains($"({nameof(IDocumentStore.CommitAsync)} {Containers.People})", StringComparison.Ordinal) && a.EndsWith(": 201", StringComparison.Ordinal));
        }

        var report = await new StoreInvariants(host.Services).CheckAsync(new Dictionary<string, int>(), TestContext.Current.CancellationToken);
        report.Violations.ShouldBeEmpty();
        report.DocumentsByKind["referral"].ShouldBe(people);
        var references = new List<string>();
        await foreach (var referral in host.Services.GetRequiredService<IDocumentStore>().ReadKindAsync<Iom.Domain.Referrals.Referral>(Containers.People, TestContext.Current.CancellationToken))
        {
            references.Add(referral.Value.Reference);
        }

        references.Count.ShouldBe(people);
        foreach (var reference in references)
        {
            await Outbox.WaitForAsync(host, "@", reference);
        }

        var subjects = Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "outbox"), "*.eml").Select(path =>
        {
            using var message = MimeKit.MimeMessage.Load(path);
            return message.Subject;
        }).ToList();
        references.ShouldAllBe(reference => subjects.Count(subject => subject != null && subject.Contains(reference, StringComparison.Ordinal)) == 1);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SubmitAsync(RunningLocalHost host, string body, string idempotencyKey)
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer);
        request.Content = RunningLocalHost.Json(body);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The real clock, which the test can move on (past a grace period) without waiting.</summary>
    private sealed class AdjustableClock : TimeProvider
    {
        private long offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
    }

    /// <summary>
    /// The real store, except that creating the documents <c>failCreating</c> picks fails, and, once armed with
    /// <see cref="FailCall"/>, the n-th call a request makes goes wrong as the <see cref="Fault"/> says (once; calls
    /// outside requests — queue handlers, timers — are not counted).
    /// </summary>
    private sealed class FailingStore(IDocumentStore inner, Func<DocumentKey, bool> failCreating, IHttpContextAccessor? requests = null) : DelegatingDocumentStore(inner)
    {
        private int calls;
        private int failAt;
        private Fault fault;

        public bool Injected => InjectedCall is not null;

        /// <summary>The call that went wrong since the last <see cref="FailCall"/>, e.g. "CommitAsync people".</summary>
        public string? InjectedCall { get; private set; }

        public void FailCall(int n, Fault how)
        {
            (failAt, fault, InjectedCall) = (n, how, null);
            Interlocked.Exchange(ref calls, 0);
        }

        private bool Now(string call)
        {
            if (requests?.HttpContext is null || failAt == 0 || Interlocked.Increment(ref calls) != failAt)
            {
                return false;
            }

            InjectedCall = call;
            return true;
        }

        private async Task<TResult> WriteAsync<TResult>(string call, Func<Task<TResult>> write)
        {
            if (!Now(call))
            {
                return await write();
            }

            if (fault == Fault.Failed)
            {
                throw new IOException($"Injected failure of {call}.");
            }

            await write();
            throw new DocumentOutcomeUnknownException($"Injected: {call} was applied, then timed out.");
        }

        private async Task<TResult> ReadingAsync<TResult>(string call, Func<Task<TResult>> read)
        {
            if (!Now(call))
            {
                return await read();
            }

            if (fault == Fault.AppliedButReportedFailure)
            {
                await read();
            }

            throw new IOException($"Injected failure of {call}.");
        }

        public override Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) =>
            ReadingAsync($"{nameof(ReadAsync)} {key.Container}", () => Inner.ReadAsync<T>(key, cancellationToken));

        public override Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
            failCreating(key) ? throw new IOException($"Injected failure creating {key}.")
                : WriteAsync($"{nameof(CreateAsync)} {key.Container}", () => Inner.CreateAsync(key, value, cancellationToken));

        public override Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) =>
            WriteAsync($"{nameof(ReplaceAsync)} {key.Container}", () => Inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken));

        public override Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
            WriteAsync($"{nameof(UpsertAsync)} {key.Container}", () => Inner.UpsertAsync(key, value, cancellationToken));

        public override Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
            WriteAsync($"{nameof(DeleteAsync)} {key.Container}", () => Inner.DeleteAsync(key, ifMatchETag, cancellationToken));

        public override IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) =>
            Now($"{nameof(ReadPartitionAsync)} {container}") ? throw new IOException("Injected failure of a partition read.")
                : Inner.ReadPartitionAsync<T>(container, partition, cancellationToken);

        public override Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default) =>
            Now($"{nameof(QueryAsync)} {query.Container}") ? throw new IOException("Injected failure of a query.")
                : Inner.QueryAsync<T>(query, cancellationToken);

        public override IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) =>
            Now($"{nameof(ReadKindAsync)} {container}") ? throw new IOException("Injected failure of a kind read.")
                : Inner.ReadKindAsync<T>(container, cancellationToken);

        public override Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
            WriteAsync($"{nameof(CommitAsync)} {container}", async () =>
            {
                await Inner.CommitAsync(container, partition, writes, cancellationToken);
                return true;
            });
    }
}
