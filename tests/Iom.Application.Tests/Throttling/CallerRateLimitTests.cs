using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Iom.Application.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Throttling;

public sealed class CallerRateLimitTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-rate-").FullName, "iom.db")));

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:10Z", System.Globalization.CultureInfo.InvariantCulture));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<RateDecision> Acquire(string caller = "u1", string function = "SubmitReferral") =>
        new CallerRateLimit(documents, time).TryAcquireAsync(function, caller, 3, Minute, Ct);

    [Fact]
    public async Task A_caller_gets_the_permits_of_the_window_and_is_then_told_when_the_window_ends()
    {
        for (var i = 0; i < 3; i++)
        {
            (await Acquire()).Allowed.ShouldBeTrue();
        }

        var refused = await Acquire();

        refused.Allowed.ShouldBeFalse();
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(50));
    }

    [Fact]
    public async Task The_next_window_starts_afresh()
    {
        for (var i = 0; i < 4; i++)
        {
            await Acquire();
        }

        time.Advance(TimeSpan.FromSeconds(50));

        (await Acquire()).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task Callers_and_functions_are_counted_apart()
    {
        for (var i = 0; i < 3; i++)
        {
            await Acquire();
        }

        (await Acquire(caller: "u2")).Allowed.ShouldBeTrue();
        (await Acquire(function: "SubmitReferralForm")).Allowed.ShouldBeTrue();
        (await Acquire()).Allowed.ShouldBeFalse();
    }

    [Fact]
    public async Task Instances_sharing_the_store_share_the_limit_even_when_they_ask_at_the_same_moment()
    {
        // Two instances of the app (two limiters on one store), twelve requests from one caller at once.
        var limiters = new[] { new CallerRateLimit(documents, time), new CallerRateLimit(documents, time) };
        var decisions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => limiters[i % 2].TryAcquireAsync("SubmitReferral", "u1", 3, Minute, Ct), Ct)));

        decisions.Count(d => d.Allowed).ShouldBeLessThanOrEqualTo(3);
        decisions.Count(d => d.Allowed).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Caller_ids_of_any_characters_make_valid_document_ids()
    {
        (await Acquire(caller: "user/with?odd#chars\\and\nnewlines")).Allowed.ShouldBeTrue();
        CallerRateLimit.KeyOf("SubmitReferral", "a/b#c").Id.ShouldMatch("^[0-9a-f]{64}$");
    }

    [Fact]
    public async Task A_window_expires_two_windows_after_its_last_use_and_is_then_no_longer_read()
    {
        var store = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-rate-ttl-").FullName, "iom.db")), time);
        (await new CallerRateLimit(store, time).TryAcquireAsync("SubmitReferral", "u1", 3, Minute, Ct)).Allowed.ShouldBeTrue();
        (await store.ReadKindAsync<RateWindow>(Containers.Operations, Ct).CountAsync(Ct)).ShouldBe(1);

        time.Advance(2 * Minute + TimeSpan.FromSeconds(1));

        (await store.ReadKindAsync<RateWindow>(Containers.Operations, Ct).CountAsync(Ct)).ShouldBe(0);
        (await store.DeleteExpiredAsync(Ct)).ShouldBe(1);
    }
}
