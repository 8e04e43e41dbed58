using System.Text.Json;
using Iom.Adapters.SendGrid;
using Iom.Application.Panels.Circulations;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// Done-when 4 for circulations, on the local host with the SendGrid adapter against a SendGrid stand-in on Kestrel
/// (<see cref="FlakySendGrid"/>): before each circulation the provider fails (503, 429, 500, a request it never
/// answers in time) and then recovers; each agenda, addendum, minutes and outcome e-mail is accepted exactly once.
/// </summary>
public sealed class CirculationProviderFailureTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("iom-circulation-failures-").FullName;
    private FlakySendGrid sendGrid = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => sendGrid = await FlakySendGrid.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await sendGrid.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }

    private Task<RunningLocalHost> HostAsync(string at) => RunningLocalHost.StartAsync(
        dataDirectory: data,
        extraArgs: [$"--Clock:StartAt={at}", "--Mail:Provider=SendGrid", $"--SendGrid:Host={sendGrid.Url}",
            "--SendGrid:FromEmail=iom@notify.example.gov.uk", "--Secrets:SendGrid-ApiKey=SG.local-stand-in"],
        // A timeout in a second rather than SendGrid's 30, so the hung request is given up on quickly.
        overrideServices: services => services.AddHttpClient(SendGridMailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(1)));

    // Every recipient of the meeting's circulations of these kinds that may be sent to shows as sent (the mail ledger).
    private static Task<List<JsonElement>> AllSentAsync(RunningLocalHost host, params string[] kinds) =>
        Eventually.Async(async () =>
        {
            var circulations = await PanelStoryTests.CirculationsAsync(host, kinds);
            var recipients = circulations.Where(c => kinds.Contains(c.GetProperty("kind").GetString()))
                .SelectMany(c => c.GetProperty("recipients").EnumerateArray()).Where(r => r.GetProperty("state").GetString() != "held").ToList();
            return recipients.All(r => r.GetProperty("state").GetString() == "sent") ? recipients : null;
        }, timeoutSeconds: 90);

    private void Fail() => sendGrid.FailNext(503, 429, FlakySendGrid.Hang, 500, 503, 429);

    [Fact]
    public async Task A_provider_failing_then_recovering_sends_each_agenda_addendum_minutes_and_outcome_email_exactly_once()
    {
        (string Id, string Reference)[] referrals;
        await using (var december = await HostAsync("2026-12-14T09:00:00Z"))
        {
            referrals = await PanelStoryTests.MeetingWithTwoReferralsAsync(december);
        }

        var sent = new List<JsonElement>();
        await using (var due = await HostAsync("2026-12-24T07:00:00Z"))
        {
            Fail();
            (await due.Services.GetRequiredService<AgendaCirculation>().RunAsync(Ct)).Agendas.ShouldBe(1);
            sent.AddRange(await AllSentAsync(due, "agenda"));
        }

        // An emergency referral after the agenda went out goes in that day's addendum.
        await using (var emergency = await HostAsync("2026-12-29T09:00:00Z"))
        {
            var late = ReferralApiTests.ValidReferral("Cara", "Doyle", "1990-05-05", pnc: null);
            late["emergency"] = true;
            await emergency.ReferAsync(late);
            Fail();
            (await emergency.Services.GetRequiredService<AgendaCirculation>().RunAsync(Ct)).Addenda.ShouldBe(1);
            sent.AddRange(await AllSentAsync(emergency, "addendum"));
        }

        await using (var after = await HostAsync("2027-01-06T09:00:00Z"))
        {
            Fail();
            await PanelStoryTests.FinaliseAsync(after, referrals[0].Id, referrals[1].Id);
            sent.AddRange(await AllSentAsync(after, "minutes", "outcome"));
        }

        sendGrid.AllFailuresServed.ShouldBeTrue();
        sendGrid.Failed.ShouldBe(18);
        var accepted = sendGrid.Accepted.ToList();
        accepted.GroupBy(a => a.Key).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("an e-mail was accepted twice");
        foreach (var subject in new[] { "agenda pack", "agenda addendum", "minutes: meeting on", $"decision on referral {referrals[0].Reference}", $"decision on referral {referrals[1].Reference}" })
        {
            accepted.ShouldContain(a => a.Subject.Contains(subject, StringComparison.Ordinal), subject);
        }

        // Each circulated recipient's e-mail, by address, is among those accepted once.
        foreach (var recipient in sent)
        {
            accepted.ShouldContain(a => a.To == recipient.GetProperty("email").GetString());
        }

        accepted.ShouldNotContain(a => a.To == PanelStoryTests.OffListDelegate);
    }
}
