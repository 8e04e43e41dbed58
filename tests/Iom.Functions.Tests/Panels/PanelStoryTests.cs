using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Panels.Circulations;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Cohort;
using Iom.Domain.Referrals;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using MimeKit;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// Issue 10's story end to end on the local host, clock set, one host per day on the same data: a meeting on Tuesday
/// 5 January 2027 and two referrals made on 14 December; the agenda goes out on Thursday 24 December (5 working days
/// before, across the Christmas bank holidays) and not on the 23rd; the minutes are finalised on 6 January; the
/// cohort, the e-mails and the prosecutor's look-up follow from them.
/// </summary>
public sealed class PanelStoryTests : IDisposable
{
    internal const string Coordinator = "iom.coordinator@richmond-iom.example";
    internal const string Member = "ppo.police@richmond-iom.example";
    internal const string Meeting = "iom-2027-01-05";
    internal const string OffListDelegate = "volunteer@partner-charity.org.uk";

    private readonly string data = Directory.CreateTempSubdirectory("iom-panel-story-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static JsonObject Selected => ReferralApiTests.ValidReferral();

    internal static JsonObject Declined => ReferralApiTests.ValidReferral("Aisha", "Okafor", "1988-07-19", pnc: null);

    public void Dispose() => Directory.Delete(data, recursive: true);

    internal static async Task<HttpResponseMessage> SendAsync(RunningLocalHost host, HttpMethod method, string path, string role = Roles.Coordinator, JsonNode? body = null, string email = Coordinator)
    {
        using var request = RunningLocalHost.Request(method, path, role, "council", email);
        if (body is not null)
        {
            request.Content = RunningLocalHost.Json(body.ToJsonString());
        }

        return await host.Client.SendAsync(request, Ct);
    }

    /// <summary>The meeting and the two referrals listed for it, made on 14 December; returns the referrals' ids and references.</summary>
    internal static async Task<(string Id, string Reference)[]> MeetingWithTwoReferralsAsync(RunningLocalHost host)
    {
        (await SendAsync(host, HttpMethod.Post, "/api/panels/iom/meetings", body: new JsonObject { ["date"] = "2027-01-05", ["startTime"] = "10:00", ["location"] = "Civic Centre" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var referrals = new List<(string, string)>();
        foreach (var body in new[] { Selected, Declined })
        {
            var (id, _) = await host.ReferAsync(body);
            using var read = JsonDocument.Parse(await (await SendAsync(host, HttpMethod.Get, $"/api/referrals/{id}")).Content.ReadAsStringAsync(Ct));
            read.RootElement.GetProperty("meetingDate").GetString().ShouldBe("2027-01-05");
            referrals.Add((id, read.RootElement.GetProperty("reference").GetString()!));
        }

        return [.. referrals];
    }

    /// <summary>Quorate (Probation, Police, YOT by a delegate off the allow-list, the partnership's analyst): A selected, B declined.</summary>
    internal static JsonObject Minutes(string selected, string declined) => new()
    {
        ["attendance"] = new JsonArray(
            new JsonObject { ["memberId"] = MinutesApiTests.Chair },
            new JsonObject { ["memberId"] = MinutesApiTests.Police },
            new JsonObject { ["delegateFor"] = MinutesApiTests.Yot, ["name"] = "A Volunteer", ["organisation"] = "YOT", ["email"] = OffListDelegate },
            new JsonObject { ["memberId"] = MinutesApiTests.Analyst }),
        ["decisions"] = new JsonArray(
            new JsonObject
            {
                ["referralId"] = selected, ["outcome"] = "selected", ["votesFor"] = 3, ["votesAgainst"] = 1,
                ["leadProfessional"] = new JsonObject { ["name"] = "Pat Lead", ["agency"] = "Probation", ["email"] = "pat.lead@probation.gov.uk" },
                ["category"] = "ppo", ["cohortType"] = "fixed", ["strands"] = new JsonArray("catch-and-control"), ["reasonCode"] = "prolific",
            },
            new JsonObject { ["referralId"] = declined, ["outcome"] = "declined", ["votesFor"] = 4, ["votesAgainst"] = 0, ["reasonCode"] = "below-threshold" }),
    };

    /// <summary>Saves the minutes and finalises them: 200 and final.</summary>
    internal static async Task FinaliseAsync(RunningLocalHost host, string selected, string declined)
    {
        using var saved = await SendAsync(host, HttpMethod.Put, $"/api/meetings/{Meeting}/minutes", body: Minutes(selected, declined));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync(Ct));
        using var finalised = await SendAsync(host, HttpMethod.Post, $"/api/meetings/{Meeting}/minutes/finalise");
        var body = await finalised.Content.ReadAsStringAsync(Ct);
        finalised.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var minutes = JsonDocument.Parse(body).RootElement;
        minutes.GetProperty("status").GetString().ShouldBe("final");
        minutes.GetProperty("ruling").GetProperty("quorate").GetBoolean().ShouldBeTrue();
    }

    /// <summary>The meeting's circulations as the co-ordinator sees them, once every kind named is there.</summary>
    internal static async Task<List<JsonElement>> CirculationsAsync(RunningLocalHost host, params string[] kinds) =>
        await Eventually.Async(async () =>
        {
            using var read = await SendAsync(host, HttpMethod.Get, $"/api/meetings/{Meeting}/circulations");
            var items = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("circulations").EnumerateArray().ToList();
            return kinds.All(k => items.Any(c => c.GetProperty("kind").GetString() == k)) ? items : null;
        });

    private static List<MimeMessage> Mails(RunningLocalHost host) =>
        Directory.Exists(Path.Combine(host.DataDirectory, "outbox")) ? Outbox.Messages(host) : [];

    private static Task<MimeMessage> MailAsync(RunningLocalHost host, string to, string subject) =>
        Eventually.Async(() => Task.FromResult(Mails(host).FirstOrDefault(m =>
            m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal))));

    private static string Everything(MimeMessage mail)
    {
        var text = $"{mail.Subject}\n{mail.TextBody}\n{mail.HtmlBody}";
        foreach (var part in mail.Attachments.OfType<MimePart>())
        {
            using var content = new MemoryStream();
            part.Content!.DecodeTo(content);
            text += "\n" + System.Text.Encoding.UTF8.GetString(content.ToArray());
        }

        return text;
    }

    [Fact]
    public async Task A_meeting_is_circulated_on_its_working_day_minuted_and_finalised_into_the_cohort_and_the_prosecutor_lookup_answers_from_it()
    {
        (string Id, string Reference)[] referrals;
        await using (var december = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]))
        {
            referrals = await MeetingWithTwoReferralsAsync(december);
        }

        // Wednesday 23 December is six working days before: nothing goes out.
        await using (var early = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2026-12-23T07:00:00Z"]))
        {
            (await early.Services.GetRequiredService<AgendaCirculation>().RunAsync(Ct)).Agendas.ShouldBe(0);
            Mails(early).ShouldNotContain(m => (m.Subject ?? "").Contains("agenda pack", StringComparison.Ordinal));
        }

        // Thursday 24 December: every member gets the pack link with the invitation, each referrer an invitation to attend.
        await using (var due = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2026-12-24T07:00:00Z"]))
        {
            (await due.Services.GetRequiredService<AgendaCirculation>().RunAsync(Ct)).Agendas.ShouldBe(1);
            var agenda = await MailAsync(due, Member, "agenda pack");
            var invitation = Everything(agenda);
            invitation.ShouldContain("METHOD:REQUEST");
            invitation.ShouldContain("UID:iom-2027-01-05@iom-meetings");
            invitation.ShouldContain("DTSTART;TZID=Europe/London:20270105T100000");
            foreach (var (_, reference) in referrals)
            {
                Everything(await MailAsync(due, "sam.patel@met.example.gov.uk", $"(referral {reference})")).ShouldContain("METHOD:REQUEST");
            }
        }

        // Wednesday 6 January, the day after the meeting: the minutes are saved and finalised.
        await using var after = await RunningLocalHost.StartAsync(dataDirectory: data, extraArgs: ["--Clock:StartAt=2027-01-06T09:00:00Z"]);
        var (selected, declined) = (referrals[0], referrals[1]);
        await FinaliseAsync(after, selected.Id, declined.Id);

        // The cohort: the selected person's membership runs from the meeting with its lead professional; the referrals moved.
        var documents = after.Services.GetRequiredService<IDocumentStore>();
        var person = (await documents.FindAsync(selected.Id, Ct)).ShouldNotBeNull().Value;
        person.Status.ShouldBe(ReferralStatus.Selected);
        (await documents.FindAsync(declined.Id, Ct)).ShouldNotBeNull().Value.Status.ShouldBe(ReferralStatus.Declined);
        var membership = (await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(person.PersonId), Ct)).ShouldNotBeNull().Value;
        var current = membership.On(new DateOnly(2027, 1, 6)).ShouldNotBeNull();
        (current.From, current.Panel, current.Category, current.CohortType, current.LeadProfessional.Agency)
            .ShouldBe((new DateOnly(2027, 1, 5), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, "Probation"));

        // The minutes to every member and attendee, an acknowledgement per referral; the delegate off the allow-list held.
        var circulations = await CirculationsAsync(after, "minutes", "outcome");
        var minutesRecipients = circulations.Single(c => c.GetProperty("kind").GetString() == "minutes").GetProperty("recipients").EnumerateArray().ToList();
        minutesRecipients.Single(r => r.GetProperty("email").GetString() == OffListDelegate).GetProperty("state").GetString().ShouldBe("held");
        ((await MailAsync(after, Member, "minutes: meeting on")).TextBody ?? "").ShouldContain("/api/links?token=");
        var selectedAck = await MailAsync(after, "sam.patel@met.example.gov.uk", $"decision on referral {selected.Reference}");
        var declinedAck = await MailAsync(after, "sam.patel@met.example.gov.uk", $"decision on referral {declined.Reference}");
        (selectedAck.TextBody ?? "").ShouldContain("selected");
        (declinedAck.TextBody ?? "").ShouldContain("declined");
        (declinedAck.TextBody ?? "").ShouldContain("below-threshold");

        // Every e-mail of the story: no personal data in any subject, body or attachment, none off the allow-list.
        await Eventually.Async(() => Task.FromResult(minutesRecipients.Where(r => r.GetProperty("state").GetString() != "held")
            .All(r => Mails(after).Any(m => m.To.Mailboxes.Any(b => b.Address == r.GetProperty("email").GetString()) && (m.Subject ?? "").Contains("minutes", StringComparison.Ordinal))) ? "all" : null));
        var mails = Mails(after);
        mails.Count.ShouldBeGreaterThan(minutesRecipients.Count);
        foreach (var mail in mails)
        {
            var text = Everything(mail);
            Outbox.ShouldHoldNoPersonalData(text, Selected);
            Outbox.ShouldHoldNoPersonalData(text, Declined);
            text.ShouldNotContain("1994-03-02");
            text.ShouldNotContain(person.PersonId);
            mail.To.Mailboxes.ShouldAllBe(b => b.Address.EndsWith(".example", StringComparison.Ordinal) || b.Address.EndsWith(".gov.uk", StringComparison.Ordinal));
            mail.To.Mailboxes.ShouldNotContain(b => b.Address == OffListDelegate);
        }

        // The prosecutor's look-up answers from the new cohort.
        using var lookup = RunningLocalHost.Request(HttpMethod.Get, "/api/cohort/lookup?pnc=2012/0052494Q", Roles.Prosecutor, agency: "cps");
        lookup.Headers.Add("X-IOM-Purpose", "Charging advice");
        var answer = await after.Client.SendAsync(lookup, Ct);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync(Ct)).ShouldBe(
            """{"inCohort":true,"category":"ppo","cohortType":"fixed","leadAgency":"Probation","contact":{"agency":"Probation","email":"pat.lead@probation.gov.uk"}}""");
    }
}
