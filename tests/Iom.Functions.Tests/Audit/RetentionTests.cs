using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
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
}
