using Iom.Application.Audit;
using Iom.Application.Idempotency;
using Iom.Application.Identity;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Agencies;
using Iom.Domain.Calendar;
using Iom.Domain.Wards;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Iom.Application.Tests.Referrals;

/// <summary>A submission handler over a given store, with the app's panels and defaults, and a valid referral to submit.</summary>
internal static class Submissions
{
    /// <param name="kit">The audit key and anchors, when the test reads the chain back; a fresh one otherwise.</param>
    /// <param name="nudges">Where the handler hands its outbox entries; nothing dispatches them unless the test does.</param>
    public static SubmitReferralHandler Handler(IDocumentStore store, TimeProvider time, IQueueSender? queue = null, Audit.AuditKit? kit = null, OutboxNudges? nudges = null) => new(
        store, nudges ?? Nudges(store, time, queue), new IdempotencyLedger(store, time), new IdentityClaims(store, time), (kit ?? new Audit.AuditKit(store)).Trail(store),
        Panels(),
        new SecureMailDomains(Options.Create(new MailOptions())), new MeetingCalendar(store), new WorkingDayCalendar(),
        Options.Create(new ReferralOptions()), Wards, Agencies, time, NullLogger<SubmitReferralHandler>.Instance);

    /// <summary>The agencies the tests refer from (the shipped codes' shape), and a retired one.</summary>
    public static AgencyList Agencies { get; } = new([
        new Agency("police", "Police"),
        new Agency("probation", "Probation Service"),
        new Agency("met", "Metropolitan Police"),
        new Agency("council", "Council"),
        new Agency("cps", "Crown Prosecution Service", Retired: true),
    ]);

    /// <summary>Three wards of the shipped list's shape (the codes are the test's own), one with an alias, and a retired one.</summary>
    public static WardList Wards { get; } = new([
        new Ward("E05000401", "South Richmond", []),
        new Ward("E05000402", "Ham, Petersham and Richmond Riverside", ["Ham Petersham and Richmond Riverside"]),
        new Ward("W05000403", "Hampton Wick and South Teddington", ["Hampton Wick"]),
        new Ward("E05000301", "Old Deer Park", [], Retired: true),
    ]);

    public static PanelDirectory Panels() => new(Options.Create(new PanelsOptions
    {
        Panels =
        {
            ["iom"] = new PanelOptions { Name = "IOM Panel", CoordinatorEmail = "iom.coordinator@richmond.gov.uk" },
            ["asb"] = new PanelOptions { Name = "ASB Panel", CoordinatorEmail = "asb.officer@richmond.gov.uk" },
            ["dyo"] = new PanelOptions { Name = "DYO Panel", CoordinatorEmail = "iom.coordinator@richmond.gov.uk" },
        },
    }));

    /// <summary>The in-process relay's hand-over, dispatching to <paramref name="queue"/> when the test asks.</summary>
    public static OutboxNudges Nudges(IDocumentStore store, TimeProvider time, IQueueSender? queue = null) =>
        new(new OutboxRelay(store, queue ?? new DiscardingQueue(), time, NullLogger<OutboxRelay>.Instance));

    public static ActingAs Referrer(string agency) =>
        new(new Caller($"user-{agency}", "A Referrer", $"referrer@{agency}.gov.uk", agency, new HashSet<string> { Roles.Referrer }), $"corr-{agency}", SubmitReferralHandler.Purpose);

    public static SubmitReferralRequest Referral() => new()
    {
        Person = new PersonInput { GivenName = "Darren", FamilyName = "Quenby", DateOfBirth = "1994-03-02", Gender = "male" },
        ReferralType = "iom",
        Reason = "Prolific burglary.",
        OffenceTypes = ["burglary"],
        Drivers = ["drugs"],
        RiskOfSeriousHarm = "medium",
        MappaLevel = 0,
        MaracCase = false,
        OgrsScore = 81,
        Statutory = true,
        Emergency = false,
        Referrer = new ReferrerInput { Name = "PC Sam Patel", Email = "sam.patel@met.police.uk" },
    };

    private sealed class DiscardingQueue : IQueueSender
    {
        public Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
