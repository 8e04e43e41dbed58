using System.Net;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Application.Panels.Circulations;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using MimeKit;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// Agenda circulation on the local host, clock set: a meeting on Tuesday 5 January 2027 and a referral made on
/// 14 December; the host restarted on the same data on Thursday 24 December (the agenda's due day, across the
/// Christmas bank holidays) runs the job as its timer does, and the e-mails leave through the one mail path.
/// </summary>
public sealed class CirculationHostTests : IAsyncLifetime
{
    private const string Coordinator = "iom.coordinator@richmond-iom.example";
    private const string Member = "ppo.police@richmond-iom.example";

    private readonly string data = Directory.CreateTempSubdirectory("iom-circulation-host-").FullName;
    private string reference = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var before = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);
        var meeting = RunningLocalHost.Request(HttpMethod.Post, "/api/panels/iom/meetings", Roles.Coordinator, "council", Coordinator);
        meeting.Content = RunningLocalHost.Json("""{"date":"2027-01-05","startTime":"10:00","location":"Civic Centre"}""");
        (await before.Client.SendAsync(meeting, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var (referralId, _) = await before.ReferAsync(ReferralApiTests.ValidReferral());
        using var read = RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{referralId}", Roles.Coordinator, "council", Coordinator);
        using var body = JsonDocument.Parse(await (await before.Client.SendAsync(read, Ct)).Content.ReadAsStringAsync(Ct));
        body.RootElement.GetProperty("meetingDate").GetString().ShouldBe("2027-01-05");
        reference = body.RootElement.GetProperty("reference").GetString()!;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(data, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static async Task<MimeMessage> AgendaToAsync(RunningLocalHost host, string recipient) =>
        await Eventually.Async(() => Task.FromResult(Directory.Exists(Path.Combine(host.DataDirectory, "outbox"))
            ? Outbox.Messages(host).FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == recipient) && (m.Subject ?? "").Contains("agenda pack", StringComparison.Ordinal))
            : null));

    [Fact]
    public async Task On_the_due_day_each_member_is_emailed_the_pack_link_with_an_icalendar_invitation_once_and_the_link_opens_after_sign_in()
    {
        await using var host = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2026-12-24T07:00:00Z"]);
        var job = host.Services.GetRequiredService<AgendaCirculation>();

        (await job.RunAsync(Ct)).Agendas.ShouldBe(1);
        (await job.RunAsync(Ct)).Agendas.ShouldBe(0);

        var mail = await AgendaToAsync(host, Member);
        var invitation = mail.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        invitation.ContentType.MimeType.ShouldBe("text/calendar");
        using var ics = new MemoryStream();
        await invitation.Content!.DecodeToAsync(ics, Ct);
        var calendar = System.Text.Encoding.UTF8.GetString(ics.ToArray());
        calendar.ShouldContain("METHOD:REQUEST");
        calendar.ShouldContain("UID:iom-2027-01-05@iom-meetings");
        calendar.ShouldContain("DTSTART;TZID=Europe/London:20270105T100000");
        calendar.ShouldContain("BEGIN:VTIMEZONE");
        var text = mail.TextBody ?? "";
        text.ShouldNotContain(reference); // a member's e-mail names no referral
        Outbox.ShouldHoldNoPersonalData($"{mail.Subject}\n{text}\n{mail.HtmlBody}\n{calendar}", ReferralApiTests.ValidReferral());
        // The nominating officer's invitation leaves on its own: waited for, not assumed written with the member's.
        await Eventually.Async(() => Task.FromResult(Outbox.Messages(host)
            .FirstOrDefault(m => (m.Subject ?? "").StartsWith("Invitation", StringComparison.Ordinal) && m.Subject!.Contains(reference, StringComparison.Ordinal))));

        // Every member once: the second run queued nothing.
        var link = System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+/api/links\?token=\S+").Value;
        link.ShouldNotBeEmpty();
        using var open = RunningLocalHost.Request(HttpMethod.Get, new Uri(link).PathAndQuery, Roles.PanelMember, "police", Member);
        // Not following redirects: the 303 itself is the answer under test.
        using var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var opened = await direct.SendAsync(open, Ct);
        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther, link + " " + await opened.Content.ReadAsStringAsync(Ct));
        opened.Headers.Location!.ToString().ShouldBe("/api/meetings/iom-2027-01-05/pack");

        using var forged = RunningLocalHost.Request(HttpMethod.Get, new Uri(link).PathAndQuery[..^2] + "AA", Roles.PanelMember, "police", Member);
        (await host.Client.SendAsync(forged, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var browser = new HttpRequestMessage(HttpMethod.Get, new Uri(link).PathAndQuery);
        browser.Headers.Accept.ParseAdd("text/html");
        var signIn = await direct.SendAsync(browser, Ct);
        signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        signIn.Headers.Location!.ToString().ShouldStartWith("/dev/identity");

        await Eventually.Async(async () =>
        {
            using var list = RunningLocalHost.Request(HttpMethod.Get, "/api/meetings/iom-2027-01-05/circulations", Roles.Coordinator, "council", Coordinator);
            using var view = JsonDocument.Parse(await (await host.Client.SendAsync(list, Ct)).Content.ReadAsStringAsync(Ct));
            var recipients = view.RootElement.GetProperty("circulations")[0].GetProperty("recipients").EnumerateArray().ToList();
            return recipients.All(r => r.GetProperty("state").GetString() == "sent") ? "sent" : null;
        });
    }

    [Fact]
    public async Task A_link_opened_after_thirty_days_is_refused_as_expired()
    {
        string link;
        await using (var host = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2026-12-24T07:00:00Z"]))
        {
            await host.Services.GetRequiredService<AgendaCirculation>().RunAsync(Ct);
            link = System.Text.RegularExpressions.Regex.Match((await AgendaToAsync(host, Member)).TextBody ?? "", @"https?://\S+/api/links\?token=\S+").Value;
        }

        await using var later = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2027-01-24T07:00:01Z"]);
        using var open = RunningLocalHost.Request(HttpMethod.Get, new Uri(link).PathAndQuery, Roles.PanelMember, "police", Member);
        var refused = await later.Client.SendAsync(open, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("This link has expired");
    }
}
