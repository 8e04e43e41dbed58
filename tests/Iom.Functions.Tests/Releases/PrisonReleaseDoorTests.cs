using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Ports.Documents;
using Iom.Application.Releases;
using Iom.Application.Releases.Intake;
using Iom.Functions.Releases;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// POST /api/prison-releases through the real local host: only a fresh signature by one of the named prison's keys
/// gets a notification recorded; everything else is refused before the body is read, and nothing is stored.
/// </summary>
public sealed class PrisonReleaseDoorTests : IAsyncLifetime
{
    private const string Path = "/api/" + PrisonReleaseFunctions.Route;

    private readonly ReleaseSigner swi = new("test-swi-1");
    private readonly ReleaseSigner swiRotated = new("test-swi-2");
    private readonly ReleaseSigner wandsworth = new("test-wwi-1");
    private readonly ReleaseSigner relay = new("test-relay-1");
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs:
        [.. swi.PrisonSettings("SWI"), .. swiRotated.PrisonSettings("SWI"), .. wandsworth.PrisonSettings("WWI"), .. relay.RelaySettings()]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private DateTimeOffset Now => host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    public static byte[] Notification(string eventId = "swi-000123", string prison = "SWI", Action<JsonObject>? change = null)
    {
        var json = new JsonObject
        {
            ["eventId"] = eventId,
            ["prisonCode"] = prison,
            ["prisonNumber"] = "A8513EA",
            ["pncId"] = "2012/0052494Q",
            ["givenName"] = "Darren",
            ["familyName"] = "Quenby",
            ["dateOfBirth"] = "1994-03-02",
            ["reason"] = "RELEASED",
            ["releaseDate"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        };
        change?.Invoke(json);
        // Written with a trailing CRLF and spacing of the sender's own: the signature is over the bytes as sent.
        return Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\r\n");
    }

    private async Task<List<ReleaseNotification>> RecordedAsync()
    {
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        var found = new List<ReleaseNotification>();
        await foreach (var stored in documents.ReadKindAsync<ReleaseNotification>(Containers.Identities, Ct))
        {
            found.Add(stored.Value);
        }

        return found;
    }

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>();

    [Fact]
    public async Task A_notification_signed_with_the_prisons_key_is_recorded_and_answered_202_with_its_id()
    {
        using var response = await host.Client.SendAsync(swi.Post(Path, Notification(), Now), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = await IdOf(response);
        var recorded = (await RecordedAsync()).ShouldHaveSingleItem();
        recorded.Id.ShouldBe(id);
        recorded.ReceivedFrom.ShouldBe(swi.KeyId);
        recorded.Report.PrisonNumber.ShouldBe("A8513EA");
        recorded.Report.Source.ShouldBe(Iom.Domain.Releases.ReleaseSource.Prison);
    }

    public static TheoryData<string> BadSignatures() =>
        new(["unsigned", "no key id", "malformed header", "unknown key id", "another prison's key under this key id", "body altered after signing",
             "six minutes old", "six minutes ahead", "a relay's key", "repeated headers", "upper-case hex in a bad shape"]);

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task A_request_not_freshly_signed_by_a_prisons_key_is_refused_with_401_problem_details_and_nothing_is_recorded(string how)
    {
        var body = Notification();
        var now = Now;
        using var request = ReleaseSigner.Bare(Path, body);
        void Sign(ReleaseSigner signer, byte[] signed, DateTimeOffset at, string? keyId = null)
        {
            request.Headers.Add(ReleaseSignatureCheck.KeyIdHeader, keyId ?? signer.KeyId);
            request.Headers.Add(ReleaseSignatureCheck.SignatureHeader, signer.Signature(signed, at));
        }

        switch (how)
        {
            case "unsigned": break;
            case "no key id": request.Headers.Add(ReleaseSignatureCheck.SignatureHeader, swi.Signature(body, now)); break;
            case "malformed header":
                request.Headers.Add(ReleaseSignatureCheck.KeyIdHeader, swi.KeyId);
                request.Headers.Add(ReleaseSignatureCheck.SignatureHeader, "v1=" + swi.Signature(body, now));
                break;
            case "unknown key id": Sign(swi, body, now, keyId: "test-nobody"); break;
            case "another prison's key under this key id": Sign(wandsworth, body, now, keyId: swi.KeyId); break;
            case "body altered after signing": Sign(swi, Notification(eventId: "swi-000124"), now); break;
            case "six minutes old": Sign(swi, body, now.AddMinutes(-6)); break;
            case "six minutes ahead": Sign(swi, body, now.AddMinutes(6)); break;
            case "a relay's key": Sign(relay, body, now); break;
            case "repeated headers":
                Sign(swi, body, now);
                request.Headers.Add(ReleaseSignatureCheck.SignatureHeader, swi.Signature(body, now));
                break;
            case "upper-case hex in a bad shape":
                request.Headers.Add(ReleaseSignatureCheck.KeyIdHeader, swi.KeyId);
                request.Headers.Add(ReleaseSignatureCheck.SignatureHeader, swi.Signature(body, now)[..^2]);
                break;
        }

        using var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldBe(ReleaseSignatureCheck.SignatureHeader);
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signature_sent_a_second_time_is_refused_as_a_replay_and_a_fresh_signature_of_the_same_event_gets_the_same_id()
    {
        var body = Notification();
        var at = Now;
        using var first = await host.Client.SendAsync(swi.Post(Path, body, at), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var replay = await host.Client.SendAsync(swi.Post(Path, body, at), Ct);
        using var resent = await host.Client.SendAsync(swi.Post(Path, body, at.AddSeconds(1)), Ct);

        replay.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await replay.Content.ReadAsStringAsync(Ct)).ShouldContain("used before");
        resent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await IdOf(resent)).ShouldBe(await IdOf(first));
        (await RecordedAsync()).ShouldHaveSingleItem();
    }

    /// <summary>
    /// The signature is recorded (create-only) before the body is processed, so the record decides: one copy gets
    /// 202 and the other nine 401 as replays — never ten 202s that raced past a check made after processing.
    /// </summary>
    [Fact]
    public async Task The_same_signed_notification_posted_ten_times_at_once_is_recorded_once_one_gets_202_and_nine_get_401_as_replays()
    {
        var body = Notification();
        var at = Now;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.Client.SendAsync(swi.Post(Path, body, at), Ct)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(9);
        (await RecordedAsync()).ShouldHaveSingleItem();
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task During_rotation_the_old_and_the_new_key_of_a_prison_are_both_accepted_and_a_request_signed_by_both_passes()
    {
        using var old = await host.Client.SendAsync(swi.Post(Path, Notification(eventId: "swi-1"), Now), Ct);
        using var rotated = await host.Client.SendAsync(swiRotated.Post(Path, Notification(eventId: "swi-2"), Now), Ct);

        // A sender part way through signs with both keys, as Stripe does: one v1= value per key, either may match.
        var body = Notification(eventId: "swi-3");
        var at = Now;
        using var both = ReleaseSigner.Bare(Path, body);
        both.Headers.Add(ReleaseSignatureCheck.KeyIdHeader, swiRotated.KeyId);
        both.Headers.Add(ReleaseSignatureCheck.SignatureHeader, swi.Signature(body, at) + ",v1=" + swiRotated.Signature(body, at).Split("v1=")[1]);
        using var signedByBoth = await host.Client.SendAsync(both, Ct);

        (old.StatusCode, rotated.StatusCode, signedByBoth.StatusCode).ShouldBe((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted));
        (await RecordedAsync()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_prisons_key_reporting_a_release_from_another_prison_is_refused_with_403_and_nothing_is_recorded()
    {
        using var response = await host.Client.SendAsync(swi.Post(Path, Notification(prison: "WWI"), Now), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await RecordedAsync()).ShouldBeEmpty();
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "not JSON", "{\"eventId\": " },
        { "an unknown member", Encoding.UTF8.GetString(Notification(change: j => j["prisonName"] = "Swinfen Hall")) },
        { "a bad prison number", Encoding.UTF8.GetString(Notification(change: j => j["prisonNumber"] = "12345")) },
        { "an unknown reason", Encoding.UTF8.GetString(Notification(change: j => j["reason"] = "ESCAPED")) },
        { "no offset on occurredAt", Encoding.UTF8.GetString(Notification(change: j => j["occurredAt"] = "2026-12-14T08:30:00")) },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_signed_body_that_is_not_a_valid_notification_is_refused_with_400_problem_details_and_nothing_is_recorded(string what, string body)
    {
        using var response = await host.Client.SendAsync(swi.Post(Path, Encoding.UTF8.GetBytes(body), Now), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await RecordedAsync()).ShouldBeEmpty();
    }
}
