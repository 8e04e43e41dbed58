using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Releases;
using Iom.Application.Releases.Matching;
using Iom.Functions.Releases;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// HMPPS domain events through the real local host, by both ways in: the prison-events queue (as the national
/// subscription delivers them) and the relay's signed door. Both run the same handler.
/// </summary>
public sealed class NationalEventDoorTests : IAsyncLifetime
{
    private const string Path = "/api/" + NationalEventFunctions.Route;

    private readonly ReleaseSigner relay = new("test-relay-1");
    private readonly ReleaseSigner prison = new("test-swi-1");
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: [.. relay.RelaySettings(), .. prison.PrisonSettings("SWI")]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private DateTimeOffset Now => host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>HMPPS's published example (../shared/data/prisoner-released.example.json), byte for byte but for the layout.</summary>
    private const string Example = """
        {"additionalInformation":{"currentLocation":"OUTSIDE_PRISON","currentPrisonStatus":"NOT_UNDER_PRISON_CARE","details":"Movement reason code CR",
         "nomisMovementReasonCode":"CR","nomsNumber":"A8513EA","prisonId":"SWI","reason":"RELEASED"},"description":"A prisoner has been released from prison",
         "eventType":"prison-offender-events.prisoner.released","occurredAt":"2024-10-14T15:09:54+01:00",
         "personReference":{"identifiers":[{"type":"NOMS","value":"A8513EA"}]},"publishedAt":"2024-10-14T15:10:54.742536797+01:00","version":1}
        """;

    internal static string Released(Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(Example)!.AsObject();
        change?.Invoke(json);
        return json.ToJsonString();
    }

    private static string Merged => """
        {"eventType":"prison-offender-events.prisoner.merged","version":1,"occurredAt":"2024-10-14T15:09:54+01:00",
         "additionalInformation":{"nomsNumber":"A8513EA","removedNomsNumber":"A1234BC","reason":"MERGE"}}
        """;

    private async Task<List<ReleaseNotification>> RecordedAsync()
    {
        var found = new List<ReleaseNotification>();
        await foreach (var stored in host.Services.GetRequiredService<IDocumentStore>().ReadKindAsync<ReleaseNotification>(Containers.Identities, Ct))
        {
            found.Add(stored.Value);
        }

        return found;
    }

    /// <param name="secondsLater">Signed this much later: the same bytes signed at the same second are a replay (401).</param>
    private Task<HttpResponseMessage> RelayAsync(string json, int secondsLater = 0) =>
        host.Client.SendAsync(relay.Post(Path, Encoding.UTF8.GetBytes(json), Now.AddSeconds(secondsLater)), Ct);

    [Fact]
    public async Task The_published_example_relayed_is_recorded_as_a_national_notification_and_relayed_again_gets_the_same_id()
    {
        using var first = await RelayAsync(Released());
        using var again = await RelayAsync(Released(), secondsLater: 1);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync(Ct))!;
        body["outcome"]!.GetValue<string>().ShouldBe("recorded");
        var againBody = JsonNode.Parse(await again.Content.ReadAsStringAsync(Ct))!;
        (againBody["outcome"]!.GetValue<string>(), againBody["id"]!.GetValue<string>()).ShouldBe(("already-recorded", body["id"]!.GetValue<string>()));
        var recorded = (await RecordedAsync()).ShouldHaveSingleItem();
        recorded.Report.Source.ShouldBe(Iom.Domain.Releases.ReleaseSource.National);
        (recorded.Report.PrisonNumber, recorded.Report.PrisonCode, recorded.ReceivedFrom).ShouldBe(("A8513EA", "SWI", relay.KeyId));
    }

    [Fact]
    public async Task The_published_example_on_the_queue_is_recorded_as_the_same_notification_the_relay_door_makes()
    {
        using var relayed = await RelayAsync(Released());
        var id = JsonNode.Parse(await relayed.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>();
        await host.Client.SendAsync(relay.Post(Path, Encoding.UTF8.GetBytes(Released(e => e["occurredAt"] = "2024-10-15T10:00:00+01:00")), Now), Ct);

        await host.Services.GetRequiredService<IQueueSender>().SendAsync(ReleaseQueues.NationalEvents, Released(e => e["occurredAt"] = "2024-10-16T10:00:00+01:00"), cancellationToken: Ct);
        await host.Services.GetRequiredService<IQueueSender>().SendAsync(ReleaseQueues.NationalEvents, Released(), cancellationToken: Ct);

        var recorded = await Eventually.Async(async () => await RecordedAsync() is { Count: 3 } all ? all : null);
        recorded.Select(r => r.Id).ShouldContain(id);
        recorded.Single(r => r.Report.OccurredAt.Day == 16).ReceivedFrom.ShouldBe(Iom.Application.Releases.National.ReceiveNationalEvent.Hmpps);
    }

    [Fact]
    public async Task A_merged_event_queues_a_prison_number_merge_that_matching_follows_and_records_no_notification()
    {
        using var response = await RelayAsync(Merged);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        // The host's own queue function takes the merge (a test receiving from the queue would race it): what it
        // leaves, the alias both ways, is the proof the merge was queued with the right numbers.
        var store = host.Services.GetRequiredService<IDocumentStore>();
        // Matching writes the alias one way, then the other: wait for the second.
        var back = await Eventually.Async(async () => (await store.ReadAsync<PrisonNumberAlias>(
            new DocumentKey(Containers.Identities, PrisonNumberAliases.PartitionOf("A8513EA"), "A1234BC"), Ct))?.Value);
        (back.Number, back.Alias).ShouldBe(("A8513EA", "A1234BC"));
        var alias = (await store.ReadAsync<PrisonNumberAlias>(new DocumentKey(Containers.Identities, PrisonNumberAliases.PartitionOf("A1234BC"), "A8513EA"), Ct))!.Value;
        (alias.Number, alias.Alias).ShouldBe(("A1234BC", "A8513EA"));
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_event_type_is_answered_202_ignored_and_changes_nothing()
    {
        using var response = await RelayAsync("""{"eventType":"prison-offender-events.prisoner.received","version":1,"occurredAt":"2024-10-14T15:09:54+01:00","additionalInformation":{"nomsNumber":"A8513EA"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["outcome"]!.GetValue<string>().ShouldBe("ignored");
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not JSON", "{\"eventType\":")]
    [InlineData("no event type", """{"version":1,"occurredAt":"2024-10-14T15:09:54+01:00"}""")]
    [InlineData("a release without a prison", """{"eventType":"prison-offender-events.prisoner.released","version":1,"occurredAt":"2024-10-14T15:09:54+01:00","additionalInformation":{"nomsNumber":"A8513EA","reason":"RELEASED"}}""")]
    [InlineData("a JSON array", "[]")]
    public async Task A_malformed_event_at_the_relay_door_is_refused_with_400_and_nothing_is_recorded(string what, string json)
    {
        using var response = await RelayAsync(json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_event_whose_bytes_are_not_UTF_8_is_refused_with_400_not_500_and_nothing_is_recorded()
    {
        // Found by the fuzz run: JSON's structure parses, but reading the invalid string threw.
        var body = Encoding.UTF8.GetBytes("""{"eventType":"prison-offen_der-events.prisoner.released","version":1}""");
        body[Array.IndexOf(body, (byte)'_')] = 0xFF;

        using var response = await host.Client.SendAsync(relay.Post(Path, body, Now), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_malformed_event_on_the_queue_ends_intact_in_the_poison_queue_and_nothing_is_recorded()
    {
        var malformed = Released(e => e["additionalInformation"]!["prisonId"] = "SWINDON");
        await host.Services.GetRequiredService<IQueueSender>().SendAsync(ReleaseQueues.NationalEvents, malformed, cancellationToken: Ct);

        var poisoned = await Eventually.Async(async () =>
            (await host.Services.GetRequiredService<IQueueReceiver>().ReceiveAsync(QueueNames.PoisonOf(ReleaseQueues.NationalEvents), 32, TimeSpan.FromSeconds(30), Ct))
            .FirstOrDefault(m => m.Body == malformed));

        poisoned.Body.ShouldBe(malformed);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_prisons_key_cannot_relay_national_events_and_a_relays_key_is_refused_when_stale()
    {
        var body = Encoding.UTF8.GetBytes(Released());
        using var byPrison = await host.Client.SendAsync(prison.Post(Path, body, Now), Ct);
        using var stale = await host.Client.SendAsync(relay.Post(Path, body, Now.AddMinutes(-6)), Ct);

        (byPrison.StatusCode, stale.StatusCode).ShouldBe((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized));
        (await RecordedAsync()).ShouldBeEmpty();
    }
}
