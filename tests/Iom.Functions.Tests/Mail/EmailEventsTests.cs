using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Domain.Mail;
using Iom.Functions.Mail;
using Iom.Functions.Security;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Iom.LocalHost;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.Mail;

/// <summary>
/// POST /api/email-events through the real local host: SendGrid's signature is checked before anything is read or
/// written, a signed batch records each recipient's delivery state, and a bounce reaches the co-ordinator by e-mail once.
/// </summary>
public sealed class EmailEventsTests : IAsyncLifetime
{
    private readonly SendGridSigner signer = new();
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: [signer.Setting]);

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        signer.Dispose();
    }

    private DateTimeOffset Now => host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private IDocumentStore Documents => host.Services.GetRequiredService<IDocumentStore>();

    private static byte[] Batch(params JsonObject[] events) => Encoding.UTF8.GetBytes(new JsonArray([.. events]).ToJsonString() + "\r\n");

    private static JsonObject Event(string mailId, string email, string type, string eventId, DateTimeOffset at) => new()
    {
        ["email"] = email,
        ["event"] = type,
        ["sg_event_id"] = eventId,
        ["sg_message_id"] = "LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-0",
        ["timestamp"] = at.ToUnixTimeSeconds(),
        ["reason"] = type == "bounce" ? "550 5.1.1 The email account that you tried to reach does not exist" : null,
        [SendGridEventBatch.MailIdArgument] = mailId,
    };

    /// <summary>Every delivery state and every pending outbox entry in the operations container.</summary>
    private async Task<(int States, int Outbox)> StoredAsync()
    {
        var states = 0;
        await foreach (var _ in Documents.ReadKindAsync<RecipientDelivery>(Containers.Operations, Ct))
        {
            states++;
        }

        var outbox = 0;
        await foreach (var _ in Documents.ReadKindAsync<Iom.Application.Outbox.OutboxEntry>(Containers.Operations, Ct))
        {
            outbox++;
        }

        return (states, outbox);
    }

    /// <summary>A referral whose acknowledgement the app has sent: its mail id and recipient.</summary>
    private async Task<(string MailId, string Referrer)> AcknowledgedReferralAsync()
    {
        var (referralId, _) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var mailId = $"referral-acknowledgement:{referralId}";
        await Eventually.Async(async () => await Documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey(mailId), Ct));
        return (mailId, "test@police.example");
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static async Task<MailEventsReceipt> ReceiptOf(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return JsonSerializer.Deserialize<MailEventsReceipt>(await response.Content.ReadAsStringAsync(Ct), Web)!;
    }

    [Fact]
    public async Task A_signed_batch_records_each_recipients_state_and_a_bounce_reaches_the_coordinator_once_however_often_it_is_posted()
    {
        var (mailId, referrer) = await AcknowledgedReferralAsync();
        var now = Now;
        var batch = Batch(
            Event(mailId, referrer, "processed", "ev-1", now.AddSeconds(-20)),
            Event(mailId, referrer, "bounce", "ev-2", now.AddSeconds(-10)),
            Event(mailId, referrer, "open", "ev-3", now.AddSeconds(-5)),
            Event("referral-acknowledgement:never-sent-by-this-app", referrer, "delivered", "ev-4", now));

        (await ReceiptOf(await host.Client.SendAsync(signer.Post(batch, now), Ct))).ShouldBe(new MailEventsReceipt(4, 2, 2));
        // SendGrid posts the same batch again when it missed our answer: nothing changes, nobody is told twice.
        (await ReceiptOf(await host.Client.SendAsync(signer.Post(batch, Now), Ct))).ShouldBe(new MailEventsReceipt(4, 0, 2));
        (await ReceiptOf(await host.Client.SendAsync(signer.Post(Batch(Event(mailId, referrer, "dropped", "ev-5", now)), Now), Ct))).Recorded.ShouldBe(1);

        var state = (await host.Services.GetRequiredService<MailDeliveries>().ForAsync(mailId, Ct)).ShouldHaveSingleItem();
        state.Email.ShouldBe(referrer);
        state.Status.ShouldBe(DeliveryStatus.Dropped);
        var alert = await Outbox.WaitForAsync(host, "iom.coordinator@richmond-iom.example", mailId);
        alert.ShouldContain(referrer);
        alert.ShouldContain("bounced");
        alert.ShouldNotContain("550 5.1.1");
        // The alert e-mail has been sent and recorded; no second one follows for the later bounce or drop.
        await Eventually.Async(async () => (await StoredAsync()).Outbox == 0 ? "relayed" : null);
        Outbox.Messages(host).Count(m => m.Subject?.Contains(mailId, StringComparison.Ordinal) == true).ShouldBe(1);
    }

    public static TheoryData<string> Refusals() => new() { "forged", "altered", "stale", "from the future", "no signature", "no timestamp", "malformed signature", "malformed timestamp", "headers repeated" };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_forged_altered_stale_or_unsigned_batch_is_refused_with_401_and_changes_nothing(string how)
    {
        var (mailId, referrer) = await AcknowledgedReferralAsync();
        var before = await StoredAsync();
        var now = Now;
        var body = Batch(Event(mailId, referrer, "bounce", "ev-1", now));
        var timestamp = SendGridSigner.Timestamp(now);
        using var other = new SendGridSigner();
        var (signature, signedAt, sent) = how switch
        {
            "forged" => (other.Sign(timestamp, body), timestamp, body),
            "altered" => (signer.Sign(timestamp, body), timestamp, Batch(Event(mailId, referrer, "delivered", "ev-1", now))),
            "stale" => (signer.Sign(SendGridSigner.Timestamp(now.AddMinutes(-6)), body), SendGridSigner.Timestamp(now.AddMinutes(-6)), body),
            "from the future" => (signer.Sign(SendGridSigner.Timestamp(now.AddMinutes(6)), body), SendGridSigner.Timestamp(now.AddMinutes(6)), body),
            "no signature" => (null, timestamp, body),
            "no timestamp" => (signer.Sign(timestamp, body), null, body),
            "malformed signature" => ("%%not-base64%%", timestamp, body),
            "malformed timestamp" => (signer.Sign(timestamp + ".0", body), timestamp + ".0", body),
            _ => (signer.Sign(timestamp, body), timestamp, body),
        };
        using var request = SendGridSigner.Bare(sent);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(SendGridEventSignature.SignatureHeader, how == "headers repeated" ? [signature, signature] : [signature]);
        }

        if (signedAt is not null)
        {
            request.Headers.TryAddWithoutValidation(SendGridEventSignature.TimestampHeader, signedAt);
        }

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldBe(SendGridEventSignature.SignatureHeader);
        (await StoredAsync()).ShouldBe(before);
        (await host.Services.GetRequiredService<MailDeliveries>().ForAsync(mailId, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signed_post_that_is_not_a_json_array_of_events_is_refused_with_a_precise_4xx()
    {
        (await host.Client.SendAsync(signer.Post("[{\"event\":"u8.ToArray(), Now), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await host.Client.SendAsync(signer.Post("{\"event\":\"bounce\"}"u8.ToArray(), Now), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await host.Client.SendAsync(signer.Post("[1,2]"u8.ToArray(), Now), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Invalid UTF-8 inside a string (found by the fuzz harness): JsonDocument parses it and fails only when it is read.
        byte[] invalidUtf8 = [.. "[{\"email\":\"a@met.police.uk\",\"event\":\"dropped\",\"sg_event_id\":\""u8, 0x80, .. "x\"}]"u8];
        (await host.Client.SendAsync(signer.Post(invalidUtf8, Now), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await host.Client.SendAsync(signer.Post("[]"u8.ToArray(), Now, contentType: "text/plain"), Ct)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await ReceiptOf(await host.Client.SendAsync(signer.Post("[]"u8.ToArray(), Now), Ct))).ShouldBe(new MailEventsReceipt(0, 0, 0));
    }

    [Fact]
    public async Task A_batch_up_to_a_mebibyte_is_taken_and_a_larger_one_gets_413()
    {
        var now = Now;
        var events = Enumerable.Range(0, 3000).Select(i => Event("not-ours", "someone@police.uk", "delivered", $"ev-{i}", now)).ToArray();
        var large = Batch(events);
        large.Length.ShouldBeInRange(256 * 1024 + 1, (int)SendGridEventSignature.MaxBatchBytes);

        (await ReceiptOf(await host.Client.SendAsync(signer.Post(large, now), Ct))).Received.ShouldBe(3000);

        var tooLarge = new byte[SendGridEventSignature.MaxBatchBytes + 1];
        using var over = signer.Post(tooLarge, now);
        // The server refuses by Content-Length without reading; waiting for its answer before sending the body keeps the
        // client from writing into a connection the server has closed (a broken pipe instead of the 413).
        over.Headers.ExpectContinue = true;
        var refused = await host.Client.SendAsync(over, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public void The_argument_the_sender_tags_each_email_with_is_the_one_the_events_are_read_by()
    {
        SendGridEventBatch.MailIdArgument.ShouldBe(Iom.Adapters.SendGrid.SendGridMailSender.IdempotencyKeyArgument);
    }
}
