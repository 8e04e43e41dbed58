using BenchmarkDotNet.Attributes;
using Iom.Application.Mail;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace Iom.Benchmarks;

/// <summary>The CPU work of one referral before any I/O: validation, identifiers, matching keys, the meeting rule.</summary>
[MemoryDiagnoser]
public class IntakeBenchmarks
{
    private static readonly DateOnly Today = new(2026, 12, 14);
    private readonly WorkingDayCalendar calendar = new();
    private readonly DateOnly[] meetings = [new(2026, 12, 29), new(2027, 1, 12), new(2027, 2, 9)];
    private readonly SubmitReferralValidator validator = new(new FixedTime(), new SecureMailDomains(Options.Create(new MailOptions())), callerEmail: null,
        new Iom.Domain.Wards.WardList([new("E05000401", "South Richmond", []), new("E05000402", "Kew", [])]));
    private readonly SubmitReferralRequest request = new()
    {
        Person = new PersonInput
        {
            GivenName = "Darren", FamilyName = "Quenby", DateOfBirth = "1994-03-02", Gender = "male",
            PncId = "12/52494Q", Postcode = "tw9 1aa", Ward = "south richmond",
        },
        ReferralType = "iom", Reason = "Prolific burglary.", OffenceTypes = ["burglary"], Drivers = ["drugs"],
        RiskOfSeriousHarm = "medium", MappaLevel = 0, MaracCase = false, OgrsScore = 81, Statutory = true, Emergency = false,
        Referrer = new ReferrerInput { Name = "PC Sam Patel", Email = "sam.patel@met.example.gov.uk" },
    };

    [Benchmark]
    public bool ValidateReferral() => validator.Validate(request).IsValid;

    [Benchmark]
    public bool ParsePncShortForm() => PncId.TryParse("12/52494Q", Today, out _, out _);

    [Benchmark]
    public int MatchKeys()
    {
        PncId.TryParse("2012/0052494Q", Today, out var pnc, out _);
        return PersonMatchKeys.For("Darren", "O'Quenby-Smith", new DateOnly(1994, 3, 2), pnc, null, null, null).Count;
    }

    [Benchmark]
    public DateOnly? ChooseMeeting() => MeetingListing.ChooseMeeting(Today, false, meetings, calendar, 10);

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);
    }
}
