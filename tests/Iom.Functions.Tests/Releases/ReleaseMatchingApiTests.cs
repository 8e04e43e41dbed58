using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Releases;
using Iom.Application.Releases.Matching;
using Iom.Domain.Releases;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// Matching through the local host: notifications recorded as the intake records them, the outbox relaying them to the
/// queue functions the host polls, and the co-ordinator's endpoints over HTTP.
/// </summary>
public sealed class ReleaseMatchingApiTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RunningLocalHost host = null!;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private IDocumentStore Documents => host.Services.GetRequiredService<IDocumentStore>();

    private static ReleaseReport Report(string eventId, string noms, string given = "Nobody", string family = "Known") => new(
        ReleaseSource.Prison, eventId, "SWI", noms, null, null, given, family, new DateOnly(1994, 3, 2), ReleaseReason.Released,
        new DateOnly(2026, 12, 14), new DateTimeOffset(2026, 12, 14, 8, 30, 0, TimeSpan.Zero), null, null);

    private async Task<string> NotifyAsync(ReleaseReport report) =>
        (await host.Services.GetRequiredService<RecordReleaseNotification>().RecordAsync(report, "swi-key-1", Ct)).Id;

    private async Task<string> ReferAsync(string given, string family, string noms)
    {
        var body = ReferralApiTests.ValidReferral(given, family, pnc: null);
        body["person"]!["prisonNumber"] = noms;
        return (await host.ReferAsync(body)).PersonId;
    }

    private Task<ReleaseMatched> MatchedAsync(string personId, string notificationId) =>
        Eventually.Async(async () => (await Documents.ReadAsync<ReleaseMatched>(ReleaseMatches.MatchedKeyOf(personId, notificationId), Ct))?.Value);

    private Task<ReleaseMatch> LeftForCoordinatorAsync(string notificationId) =>
        Eventually.Async(async () => (await Documents.ReadAsync<ReleaseMatch>(ReleaseMatches.KeyOf(ReleaseMatches.IdOf(notificationId)), Ct))?.Value);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = RunningLocalHost.Request(method, path, Roles.Coordinator);
        if (json is not null)
        {
            request.Content = RunningLocalHost.Json(json);
        }

        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_notification_for_a_referred_person_is_matched_by_the_queue_function_and_queued_for_their_custody_record()
    {
        var person = await ReferAsync("Nora", "Numbers", "A1111AA");

        var id = await NotifyAsync(Report("e-1", "A1111AA"));

        (await MatchedAsync(person, id)).MatchedBy.ShouldBe("noms");
    }

    [Fact]
    public async Task After_a_merge_on_its_queue_a_notification_under_the_new_number_matches_the_person_referred_under_the_old()
    {
        var person = await ReferAsync("Nora", "Numbers", "A1111AA");
        await host.Services.GetRequiredService<IQueueSender>().SendAsync(ReleaseQueues.Merges,
            JsonSerializer.Serialize(new PrisonNumberMerged("A1111AA", "B2222BB", DateTimeOffset.UtcNow), DocumentJson.Options), cancellationToken: Ct);
        await Eventually.Async(async () =>
            await Documents.ReadAsync<PrisonNumberAlias>(new DocumentKey(Containers.Identities, PrisonNumberAliases.PartitionOf("B2222BB"), "A1111AA"), Ct));

        var id = await NotifyAsync(Report("e-1", "B2222BB"));

        (await MatchedAsync(person, id)).MatchedBy.ShouldBe("noms");
    }

    [Fact]
    public async Task A_coordinator_sees_a_possible_match_on_the_unmatched_list_confirms_it_once_and_it_leaves_the_list()
    {
        var person = await ReferAsync("Nora", "Numbers", "A1111AA");
        var id = await NotifyAsync(Report("e-1", "C3333CC", "Nora", "Numbers"));
        var match = await LeftForCoordinatorAsync(id);

        var listed = await SendAsync(HttpMethod.Get, "/api/prison-releases?unmatched=true");
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = (await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        (item.GetProperty("notificationId").GetString(), item.GetProperty("state").GetString(), item.GetProperty("ground").GetString())
            .ShouldBe((id, "possible", "name-and-date-of-birth"));
        item.TryGetProperty("givenName", out _).ShouldBeFalse();

        var confirmed = await SendAsync(HttpMethod.Post, $"/api/release-matches/{match.Id}/confirm", "{}");
        var again = await SendAsync(HttpMethod.Post, $"/api/release-matches/{match.Id}/confirm", "{}");

        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await confirmed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString().ShouldBe("confirmed");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:" + ReleaseMatchRefusedException.AlreadyDecided);
        (await MatchedAsync(person, id)).MatchedBy.ShouldBe("confirmed");
        var after = await SendAsync(HttpMethod.Get, "/api/prison-releases?unmatched=true");
        (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_rejected_possible_match_stays_on_the_unmatched_list_as_rejected()
    {
        await ReferAsync("Nora", "Numbers", "A1111AA");
        var id = await NotifyAsync(Report("e-1", "C3333CC", "Nora", "Numbers"));
        var match = await LeftForCoordinatorAsync(id);

        var rejected = await SendAsync(HttpMethod.Post, $"/api/release-matches/{match.Id}/reject");

        rejected.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await (await SendAsync(HttpMethod.Get, "/api/prison-releases?unmatched=true")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        list.GetProperty("items")[0].GetProperty("state").GetString().ShouldBe("rejected");
    }

    [Fact]
    public async Task An_unknown_match_is_404_and_the_list_without_unmatched_true_is_400_naming_the_rule()
    {
        var unknown = await SendAsync(HttpMethod.Post, $"/api/release-matches/{new string('a', 32)}/reject");
        var general = await SendAsync(HttpMethod.Get, "/api/prison-releases");
        var badToken = await SendAsync(HttpMethod.Get, "/api/prison-releases?unmatched=true&continuation=not-ours");

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        general.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await general.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("unmatched", out _).ShouldBeTrue();
        badToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_unmatched_list_is_followed_page_by_page_through_its_next_links()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await NotifyAsync(Report($"e-{i}", $"D444{i}DD")));
        }

        foreach (var id in ids)
        {
            await LeftForCoordinatorAsync(id);
        }

        var seen = new List<string>();
        var path = "/api/prison-releases?unmatched=true&pageSize=2";
        for (var pages = 0; path is not null && pages < 5; pages++)
        {
            var page = await (await SendAsync(HttpMethod.Get, path)).Content.ReadFromJsonAsync<JsonElement>(Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("notificationId").GetString()!));
            path = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }

        seen.ShouldBe(ids, ignoreOrder: true);
    }
}
