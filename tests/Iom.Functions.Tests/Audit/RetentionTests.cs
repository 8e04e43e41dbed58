using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Offending;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;
using Iom.Application.Retention;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Audit;

public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z", "--Retention:WithdrawnReferralDays=30"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_withdrawn_referral_past_its_retention_is_erased_with_its_indexes_and_the_erasure_is_audited()
    {
        var (withdrawnId, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var (keptId, _) = await host.ReferAsync(ReferralApiTests.ValidReferral("Amy", "Blake", "1990-05-05", null));
        // Its acknowledgement is audited before anything else happens, so the erasure's record is the last.
        await host.AcknowledgedAsync(person);
        var withdraw = RunningLocalHost.Request(HttpMethod.Post, $"/api/referrals/{withdrawnId}/withdraw", Roles.Referrer);
        withdraw.Content = RunningLocalHost.Json("""{"reason":"referred-in-error"}""");
        (await host.Client.SendAsync(withdraw, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        var retention = host.Services.GetRequiredService<ApplyRetention>();

        var early = await retention.HandleAsync(Start.AddDays(29), "retention-early", Ct);
        early.Erased.ShouldBe(0);

        var report = await retention.HandleAsync(Start.AddDays(31), "retention-test", Ct);

        report.Erased.ShouldBe(1);
        (await documents.ReadAsync<Referral>(ReferralStore.KeyOf(person, withdrawnId), Ct)).ShouldBeNull();
        // The change feed does not show the delete: the marker committed with it tells the nightly rollup run.
        (await documents.ReadAsync<ReferralErased>(new DocumentKey(Containers.People, person, ReferralErased.IdOf(withdrawnId)), Ct)).ShouldNotBeNull().Value.ReferralId.ShouldBe(withdrawnId);
        (await documents.ReadAsync<ReferralLocator>(ReferralStore.LocatorKeyOf(withdrawnId), Ct)).ShouldBeNull();
        (await documents.ReadAsync<ReferralLocator>(ReferralStore.LocatorKeyOf(keptId), Ct)).ShouldNotBeNull();
        var trail = host.Services.GetRequiredService<AuditTrail>();
        var erasure = (await trail.ReadAsync(person, Ct))[^1];
        erasure.Operation.ShouldBe(AuditOperation.Erasure);
        erasure.CorrelationId.ShouldBe("retention-test");
        (await trail.VerifyAsync(person, Ct)).Intact.ShouldBeTrue();
        // The identifiers are free again: the person can be referred afresh.
        (await host.ReferAsync(ReferralApiTests.ValidReferral())).ReferralId.ShouldNotBe(withdrawnId);
    }

    private const string Pnc = "2012/0052494Q";

    private IDocumentStore Documents => host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Refers the person with <see cref="Pnc"/> and waits until uploads know them (their PNC claim confirmed).</summary>
    private async Task<(string ReferralId, string PersonId)> ReferKnownAsync()
    {
        var referred = await host.ReferAsync(ReferralApiTests.ValidReferral(pnc: Pnc));
        PncId.TryParse(Pnc, new DateOnly(2026, 12, 2), out var pnc, out _).ShouldBeTrue();
        var key = IdentityClaims.KeyOf(PersonMatchKeys.OfPnc(pnc));
        await Eventually.Async(async () => (await Documents.ReadAsync<IdentityClaim>(key, Ct)) is { Value: { Provisional: null } claim } && claim.PersonId == referred.PersonId ? claim : null);
        await host.AcknowledgedAsync(referred.PersonId);
        return referred;
    }

    private async Task WithdrawAsync(string referralId)
    {
        var withdraw = RunningLocalHost.Request(HttpMethod.Post, $"/api/referrals/{referralId}/withdraw", Roles.Referrer);
        withdraw.Content = RunningLocalHost.Json("""{"reason":"referred-in-error"}""");
        (await host.Client.SendAsync(withdraw, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<JsonElement> UploadAsync(params string[] sourceRefs)
    {
        using var request = RunningLocalHost.Request(HttpMethod.Post, "/api/offending-records", Roles.Analyst);
        var rows = sourceRefs.Select(r => $"{Pnc},2026-01-10,2026-03-01,conviction,burglary,{r}");
        request.Content = new StringContent(string.Join("\r\n", ["pncId,offenceDate,outcomeDate,outcome,offenceType,sourceRef", .. rows]) + "\r\n", new MediaTypeHeaderValue("text/csv"));
        using var response = await host.Client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<List<string>> OffendingRefsOfAsync(string personId)
    {
        var found = new List<string>();
        await foreach (var record in Documents.ReadPartitionAsync<StoredOffendingRecord>(Containers.People, personId, Ct))
        {
            found.Add(record.Value.SourceRef);
        }

        return found;
    }

    [Fact]
    public async Task A_persons_last_referral_erased_takes_their_offending_records_and_leaves_tombstone_claims()
    {
        var (referralId, person) = await ReferKnownAsync();
        // More than one commit holds, so the erasure spans commits and the last goes with the referral.
        var refs = Enumerable.Range(1, RecordOffendingRecords.MaxRecordsPerCommit + 3).Select(i => $"erase-{i}").ToArray();
        (await UploadAsync(refs)).GetProperty("accepted").GetInt64().ShouldBe(refs.Length);
        await WithdrawAsync(referralId);

        var report = await host.Services.GetRequiredService<ApplyRetention>().HandleAsync(Start.AddDays(31), "retention-offending", Ct);

        report.Erased.ShouldBe(1);
        (await OffendingRefsOfAsync(person)).ShouldBeEmpty();
        foreach (var sourceRef in refs)
        {
            var claim = (await Documents.ReadAsync<OffendingSourceClaim>(OffendingDocuments.ClaimOf(sourceRef), Ct)).ShouldNotBeNull().Value;
            claim.ErasedAt.ShouldNotBeNull();
            (claim.PersonId, claim.ContentHash).ShouldBe((string.Empty, string.Empty));
        }

        var trail = host.Services.GetRequiredService<AuditTrail>();
        var erasures = (await trail.ReadAsync(person, Ct)).Where(r => r.Operation == AuditOperation.Erasure).Select(r => r.Subject).ToList();
        erasures.ShouldBe([OffendingDocuments.AuditSubject, $"referral/{referralId}", OffendingDocuments.AuditSubject], ignoreOrder: true);
        (await trail.VerifyAsync(person, Ct)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task An_erased_persons_records_uploaded_again_after_they_are_referred_afresh_are_not_brought_back()
    {
        var (referralId, _) = await ReferKnownAsync();
        await UploadAsync("old-1", "old-2");
        await WithdrawAsync(referralId);
        await host.Services.GetRequiredService<ApplyRetention>().HandleAsync(Start.AddDays(31), "retention-offending", Ct);
        var (_, again) = await ReferKnownAsync();

        var report = await UploadAsync("old-1", "old-2", "new-1");

        (report.GetProperty("accepted").GetInt64(), report.GetProperty("unchanged").GetInt64(), report.GetProperty("rejected").GetInt64()).ShouldBe((1L, 2L, 0L));
        (await OffendingRefsOfAsync(again)).ShouldBe(["new-1"]);
    }

    [Fact]
    public async Task A_person_still_referred_keeps_their_offending_records_when_an_old_referral_is_erased()
    {
        var (withdrawnId, person) = await ReferKnownAsync();
        await UploadAsync("kept-1");
        await WithdrawAsync(withdrawnId);
        var (_, sameOrNew) = await ReferKnownAsync();
        sameOrNew.ShouldBe(person);

        var report = await host.Services.GetRequiredService<ApplyRetention>().HandleAsync(Start.AddDays(31), "retention-offending", Ct);

        report.Erased.ShouldBe(1);
        (await OffendingRefsOfAsync(person)).ShouldBe(["kept-1"]);
        (await Documents.ReadAsync<OffendingSourceClaim>(OffendingDocuments.ClaimOf("kept-1"), Ct)).ShouldNotBeNull().Value.ErasedAt.ShouldBeNull();
    }
}
