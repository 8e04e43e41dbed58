using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iom.Application.Referrals.Read;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Iom.Functions.Http;
using Iom.Functions.Referrals;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Fuzzing;

public enum BodyKind
{
    None,
    Json,
    Form,
}

/// <summary>
/// A valid request for one endpoint: the starting point that mutations break, since a mutation of something valid
/// reaches code that noise never gets past. Route values named here get valid values; others get hostile ones.
/// </summary>
/// <param name="Headers">Headers a valid request carries besides the principal (e.g. the anti-forgery cookie).</param>
/// <param name="Html">
/// The endpoint is a page: its refusals may be an HTML error page instead of problem details. Said here, per endpoint,
/// so a new JSON endpoint can never pass with HTML errors by accident.
/// </param>
public sealed record EndpointSeed(
    BodyKind Body = BodyKind.None,
    Func<Random, JsonNode>? Json = null,
    Func<Random, IReadOnlyList<KeyValuePair<string, string>>>? Form = null,
    IReadOnlyDictionary<string, Func<Random, string>>? RouteValues = null,
    Func<Random, IReadOnlyList<KeyValuePair<string, string>>>? Query = null,
    Func<Random, IReadOnlyList<KeyValuePair<string, string>>>? Headers = null,
    bool Html = false);

/// <summary>One HTTP function of the app, as the fuzzer sees it.</summary>
public sealed partial record FuzzEndpoint(HttpFunction Function, EndpointSeed Seed)
{
    public string Name => Function.Name;

    /// <summary>The route's parameters, e.g. "id" in referrals/{id}/withdraw or "path" in assets/{*path}.</summary>
    public IReadOnlyList<string> RouteParameters { get; } =
        RouteParameter().Matches(Function.Route).Select(m => m.Groups["name"].Value).ToList();

    /// <summary>The route with each parameter replaced by the value <paramref name="valueOf"/> gives (already escaped).</summary>
    public string Path(Func<string, string> valueOf) =>
        "/api/" + RouteParameter().Replace(Function.Route, m => valueOf(m.Groups["name"].Value));

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)(:[^}?=]*)?\??(=[^}]*)?\}")]
    private static partial Regex RouteParameter();
}

/// <summary>
/// Every HTTP function the app has, from its own catalog, each with its valid request where one is known. A function
/// added later is fuzzed from the moment it exists (with generic bodies and hostile route values); adding its seed
/// here lets mutations reach past its validation.
/// </summary>
public static class FuzzEndpoints
{
    public static IReadOnlyList<string> Agencies { get; } = ["police", "probation", "yot", "housing", "health"];

    public static IReadOnlyList<string> PanelCodes { get; } = ["iom", "asb", "dyo", "strategic-group"];

    private static readonly string[] GivenNames = ["Darren", "Aisha", "Tomasz", "Siobhán", "Kwame", "Zoë", "Mary-Jane", "Seán", "Li", "Oluwaseun"];
    private static readonly string[] FamilyNames = ["Quenby", "O'Neil", "Nowak", "Okafor", "Smith-Jones", "Ng", "Ó Briain", "Patel", "Ahmed", "Kowalczyk"];
    private static readonly string[] ActionStatuses = ["open", "done", "all"];
    private static readonly string[] Assets = ["govuk-frontend.min.css", "govuk-frontend.min.js", "init.mjs"];
    private static readonly string[] UnknownPaths = ["no-such-endpoint", "healthz", "referral", "persons", "audit.json", "api", "admin"];

    /// <summary>A placeholder the runner replaces with the id of a referral that exists (seeded, or made during the run).</summary>
    public static string KnownReferral(Random random) => $"{{{{referral:{random.Next(1000)}}}}}";

    /// <summary>A placeholder the runner replaces with the id of a person some referral is about.</summary>
    public static string KnownPerson(Random random) => $"{{{{person:{random.Next(1000)}}}}}";

    /// <summary>A well-formed panel action id (one the minutes would give); it may or may not exist.</summary>
    public static string KnownAction(Random random) => $"{HostileValues.Pick(random, PanelCodes)}-2026-11-10-action-{random.Next(1, 4)}";

    /// <summary>A well-formed release match id (32 hex digits); it may or may not exist.</summary>
    public static string MatchId(Random random) => Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + "0123456789abcdef";

    public static bool IsPlaceholder(string value) => value.StartsWith("{{", StringComparison.Ordinal);

    /// <summary>Placeholders the runner replaces with the anti-forgery token and cookie it got from the form page.</summary>
    public const string AntiforgeryToken = "FUZZ-ANTIFORGERY-TOKEN";

    public const string AntiforgeryCookie = "FUZZ-ANTIFORGERY-COOKIE";

    public static IReadOnlyList<FuzzEndpoint> All() =>
        FunctionCatalog.ForApp().Http.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => new FuzzEndpoint(f, SeedFor(f.Name))).ToList();

    /// <summary>Meetings the runner creates before fuzzing (FuzzRunner.SeedAsync).</summary>
    public static IReadOnlyList<string> SeededMeetings { get; } = ["iom-2027-01-12", "iom-2026-12-29", "asb-2027-01-26", "dyo-2027-01-12"];

    /// <summary>Minutes of demo IOM members (panels.json), no decisions (the listed referrals vary by run), one action.</summary>
    public static JsonObject ValidMinutes(Random random) => new()
    {
        ["attendance"] = new JsonArray(
            new JsonObject { ["memberId"] = "cb621c33-987e-5efb-b4ae-389397546477" },
            new JsonObject { ["delegateFor"] = "63a1bc98-81b5-579d-8320-8b4289844382", ["name"] = "A Delegate", ["organisation"] = "Richmond Police", ["email"] = "delegate@met.police.uk" }),
        ["apologies"] = new JsonArray("418bef43-3202-5eed-a17b-f03f91e147e3"),
        ["decisions"] = new JsonArray(),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["description"] = "Review the cohort's housing needs",
            ["ownerMemberId"] = "eec9e4e4-19af-5d73-b124-165404a61462",
            ["dueDate"] = "2027-02-" + random.Next(10, 28).ToString(CultureInfo.InvariantCulture),
        }),
    };
    private static readonly IReadOnlyList<string> MeetingIds = ["iom-2027-01-12", "asb-2027-01-12", "strategic-group-2027-01-12", "iom-2027-02-30"];

    public static EndpointSeed SeedFor(string functionName) => functionName switch
    {
        "SubmitReferral" => new EndpointSeed(BodyKind.Json, Json: ValidReferral),
        "GetReferral" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownReferral }),
        "ListReferrals" => new EndpointSeed(Query: ValidListQuery),
        "WithdrawReferral" => new EndpointSeed(BodyKind.Json, Json: ValidWithdrawal,
            RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownReferral }),
        "CreateMeetings" => new EndpointSeed(BodyKind.Json, Json: ValidMeetings,
            RouteValues: new Dictionary<string, Func<Random, string>> { ["panel"] = r => HostileValues.Pick(r, PanelCodes) }),
        "ListMeetings" => new EndpointSeed(
            RouteValues: new Dictionary<string, Func<Random, string>> { ["panel"] = r => HostileValues.Pick(r, PanelCodes) },
            Query: r => [new("from", "2026-12-01"), new("to", "2027-03-31"), new("pageSize", r.Next(1, 5).ToString(CultureInfo.InvariantCulture))]),
        "GetMeeting" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownMeeting }),
        "CancelMeeting" => new EndpointSeed(BodyKind.Json, Json: _ => new JsonObject { ["reason"] = "Chair unavailable" },
            RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownMeeting }),
        "MoveMeeting" => new EndpointSeed(BodyKind.Json, Json: ValidMove,
            RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownMeeting }),
        "GetPanelMembers" => new EndpointSeed(RouteValues: PanelRoute(), Query: r => [new("on", HostileValues.Pick(r, ["2026-12-14", "2025-01-01", "2027-03-01"]))]),
        "AddPanelMember" => new EndpointSeed(BodyKind.Json, Json: ValidPanelMember, RouteValues: PanelRoute()),
        "ChangePanelMember" => new EndpointSeed(BodyKind.Json, Json: r => ValidPanelMemberDetails(r), RouteValues: MemberRoute(), Headers: _ => [new("If-Match", "*")]),
        // Dated later than the fuzz clock's today, so the run's own panel members keep their seats meanwhile.
        "RemovePanelMember" => new EndpointSeed(RouteValues: MemberRoute(), Query: _ => [new("effectiveFrom", "2027-03-01")]),
        "ChangeChairOrganisation" => new EndpointSeed(BodyKind.Json, RouteValues: PanelRoute(),
            Json: r => new JsonObject { ["organisation"] = HostileValues.Pick(r, ["Probation", "Police", "Youth Offending Team"]), ["effectiveFrom"] = "2027-03-01" }),
        "SaveMinutes" => new EndpointSeed(BodyKind.Json, Json: ValidMinutes,
            RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = r => HostileValues.Pick(r, SeededMeetings) }),
        "GetMinutes" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = r => HostileValues.Pick(r, SeededMeetings) },
            Query: r => r.Next(2) == 0 ? [] : [new("version", r.Next(1, 3).ToString(CultureInfo.InvariantCulture))]),
        "FinaliseMinutes" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = r => HostileValues.Pick(r, SeededMeetings) }),
        "GetAgendaPack" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = r => HostileValues.Pick(r, SeededMeetings) }, Html: true),
        "Assets" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["path"] = r => HostileValues.Pick(r, Assets) }),
        "Health" => new EndpointSeed(),
        // Signed by SendGrid: the runner signs each input's body as sent, or not, or badly (FuzzRunner.SignedAsSendGrid).
        "ReceiveEmailEvents" => new EndpointSeed(BodyKind.Json, Json: ValidEmailEvents),
        // Signed by a prison's key or a relay's: the runner signs each input as sent (FuzzRunner.SignedAsReleaseSender).
        "ReceivePrisonRelease" => new EndpointSeed(BodyKind.Json, Json: ValidReleaseNotification),
        "RelayPrisonEvent" => new EndpointSeed(BodyKind.Json, Json: ValidPrisonEvent),
        "ReferralForm" => new EndpointSeed(Html: true),
        "SubmitReferralForm" => new EndpointSeed(BodyKind.Form, Form: ValidReferralForm, Headers: _ => [new("Cookie", AntiforgeryCookie)], Html: true),
        "ReferralConfirmation" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownReferral }, Html: true),
        "PrisonReleaseForm" => new EndpointSeed(Html: true),
        // The anti-forgery token the runner got from the referral form is bound to the same fuzz user, so it serves here too.
        "SubmitPrisonReleaseForm" => new EndpointSeed(BodyKind.Form, Form: ValidReleaseForm, Headers: _ => [new("Cookie", AntiforgeryCookie)], Html: true),
        "PrisonReleaseConfirmation" => new EndpointSeed(Query: r => [new("id", "release-" + Convert.ToHexStringLower(BitConverter.GetBytes(r.NextInt64())) + "0123456789abcdef")], Html: true),
        "ReadAuditLog" => new EndpointSeed(Query: r => [new("person", KnownPerson(r)), new("pageSize", r.Next(1, 201).ToString(CultureInfo.InvariantCulture))]),
        "VerifyAuditLog" => new EndpointSeed(Query: r => [new("person", KnownPerson(r))]),
        "ExportPerson" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownPerson }),
        "FindPeople" => new EndpointSeed(Query: r => [new("pnc", "2012/0052494Q"), new("noms", "A1234BC"), new("reference", $"IOM-261214-{r.Next(1000, 9999)}")]),
        "ListActions" => new EndpointSeed(Query: r => [new("owner", "me"), new("status", HostileValues.Pick(r, ActionStatuses)), new("overdue", "false"), new("pageSize", "5")]),
        "GetAction" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownAction }),
        "CompleteAction" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = KnownAction }),
        "CohortLookup" => new EndpointSeed(Query: _ => [new("pnc", "2012/0052494Q"), new("on", "2026-12-14")]),
        "ListCirculations" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = r => HostileValues.Pick(r, MeetingIds) }),
        "ResendCirculation" => new EndpointSeed(BodyKind.Json, Json: r => new JsonObject { ["recipient"] = HostileValues.Pick(r, ["di@met.police.uk", "housing@gmail.com", ""]) },
            RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = r => "circulation-" + HostileValues.Pick(r, MeetingIds) + "-agenda-1" }),
        "OpenLink" => new EndpointSeed(Query: r => [new("token", HostileValues.Pick(r, ["l1.e30.0123456789abcdef.AAAA", "", "l1"]))], Html: true),
        "ConfirmReleaseMatch" => new EndpointSeed(BodyKind.Json, Json: r => r.Next(2) == 0 ? new JsonObject() : new JsonObject { ["personId"] = KnownPerson(r) },
            RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = MatchId }),
        "RejectReleaseMatch" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["id"] = MatchId }),
        "ListUnmatchedReleases" => new EndpointSeed(Query: r => [new("unmatched", "true"), new("pageSize", r.Next(1, 101).ToString(CultureInfo.InvariantCulture))]),
        // No alert is raised in the fuzz store: every well-formed id is unknown (404), every other shape too.
        "GetReleaseAlert" or "AcknowledgeReleaseAlert" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>>
        {
            ["id"] = r => HostileValues.Pick(r, ["alert-release-0123456789abcdef0123456789abcdef", "alert-release-0123456789abcdef0123456789abcdef-d28", "alert-x"]),
        }),
        "UploadOffendingRecords" => new EndpointSeed(BodyKind.Json, Json: ValidOffendingRows, Query: r => [new("acceptValid", HostileValues.Pick(r, ["true", "false"]))]),
        // Past, current (the fuzz clock's December 2026), future (422 to recompute) and malformed periods.
        "GetRollup" or "GetRollupCsv" or "RecomputeRollup" => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>>
        {
            ["period"] = r => HostileValues.Pick(r, ["2026-11", "2026-12", "2026-Q4", "FY2026-27", "2027-01", "FY2027-28", "2026-13", "2026-q4", "FY2026-28"]),
        }),
        // Mostly dry runs; a real run maps what the fuzz store holds (its referrals' wards are codes already).
        "MapWards" => new EndpointSeed(Query: r => [new("dryRun", HostileValues.Pick(r, ["true", "true", "false", "yes", ""]))]),
        // The breakdowns' period: months in and outside the thirteen shown, a quarter, a financial year, malformed ones
        // (400); the fuzzer's other query strings and headers must not move it off a 200 page or a refusal.
        "PerformanceDashboard" => new EndpointSeed(Html: true, Query: r => [new("period", HostileValues.Pick(r, ["2026-11", "2026-12", "2024-05", "2026-Q3", "FY2026-27", "2026-13", "2026-q4", ""]))]),
        // No parameters either: whatever the fuzzer adds (If-None-Match included), a 200, a 304 or a refusal.
        "ListWards" => new EndpointSeed(),
        FallbackFunction.Name => new EndpointSeed(RouteValues: new Dictionary<string, Func<Random, string>> { ["path"] = r => HostileValues.Pick(r, UnknownPaths) }),
        _ => new EndpointSeed(),
    };

    /// <summary>An upload of one to three offending rows (JSON), about the PNC ID the fuzz referrals use or one nobody holds.</summary>
    public static JsonArray ValidOffendingRows(Random random) =>
    [
        .. Enumerable.Range(0, random.Next(1, 4)).Select(i => (JsonNode)new JsonObject
        {
            // Mostly nobody's: each stored row appends to the fuzz person's audit chain, which every other endpoint contends for.
            ["pncId"] = HostileValues.Pick(random, ["2012/0052494Q", "2001/0000001Q", "2001/0000001Q", "2001/0000001Q"]),
            ["offenceDate"] = "2026-01-10",
            ["outcomeDate"] = HostileValues.Pick(random, ["2026-03-01", "2026-01-10"]),
            ["outcome"] = HostileValues.Pick(random, ["conviction", "caution"]),
            ["offenceType"] = HostileValues.Pick(random, ["burglary", "theft-from-the-person", "other"]),
            ["sourceRef"] = $"fuzz-{random.Next(1000)}-{i}",
        }),
    ];

    /// <summary>A prison's release notification on the fuzz clock's day (2026-12-14), at SWI, the fuzz key's prison.</summary>
    public static JsonObject ValidReleaseNotification(Random random) => new()
    {
        ["eventId"] = $"swi-{random.Next(1_000_000)}",
        ["prisonCode"] = HostileValues.Pick(random, ["SWI", "SWI", "swi", "WWI"]),
        ["prisonNumber"] = HostileValues.Pick(random, ["A8513EA", "A1234BC"]),
        ["pncId"] = "2012/0052494Q",
        ["givenName"] = "Darren",
        ["familyName"] = "Quenby",
        ["dateOfBirth"] = "1994-03-02",
        ["reason"] = HostileValues.Pick(random, ["RELEASED", "RELEASED_TO_HOSPITAL", "TRANSFERRED", "TEMPORARY_ABSENCE_RELEASE", "SENT_TO_COURT"]),
        ["releaseDate"] = HostileValues.Pick(random, ["2026-12-14", "2027-01-11", "2026-12-01"]),
        ["occurredAt"] = "2026-12-14T08:30:00+00:00",
        ["releaseAddress"] = new JsonObject { ["line1"] = "1 Kew Road", ["town"] = "Richmond", ["postcode"] = "TW9 1AA" },
        ["notes"] = "Licence conditions apply",
    };

    /// <summary>An HMPPS domain event as a relay posts it: a release, a merge, or a type the flow ignores.</summary>
    public static JsonObject ValidPrisonEvent(Random random)
    {
        var type = HostileValues.Pick(random, ["prison-offender-events.prisoner.released", "prison-offender-events.prisoner.merged", "prison-offender-events.prisoner.received"]);
        var info = new JsonObject { ["nomsNumber"] = "A8513EA", ["prisonId"] = "SWI", ["reason"] = "RELEASED", ["nomisMovementReasonCode"] = "CR" };
        if (type.EndsWith(".merged", StringComparison.Ordinal))
        {
            info["removedNomsNumber"] = "A1234BC";
        }

        return new JsonObject
        {
            ["eventType"] = type,
            ["version"] = 1,
            ["occurredAt"] = $"2026-12-14T08:{random.Next(60):00}:00+00:00",
            ["additionalInformation"] = info,
            ["personReference"] = new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "NOMS", ["value"] = "A8513EA" }) },
        };
    }

    /// <summary>The referral form as a browser posts it: the same referral as <see cref="ValidReferral"/>, with its token.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ValidReferralForm(Random random)
    {
        var json = ValidReferral(random);
        var person = json["person"]!.AsObject();
        var dob = DateOnly.ParseExact(person["dateOfBirth"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        string YesNo(string field) => json[field]!.GetValue<bool>() ? "yes" : "no";
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", AntiforgeryToken),
            new("referralType", json["referralType"]!.GetValue<string>()),
            new("emergency", YesNo("emergency")),
            new("givenName", person["givenName"]!.GetValue<string>()),
            new("familyName", person["familyName"]!.GetValue<string>()),
            new("dateOfBirth-day", dob.Day.ToString(CultureInfo.InvariantCulture)),
            new("dateOfBirth-month", dob.Month.ToString(CultureInfo.InvariantCulture)),
            new("dateOfBirth-year", dob.Year.ToString(CultureInfo.InvariantCulture)),
            new("gender", "male"),
            new("pncId", person["pncId"]?.GetValue<string>() ?? ""),
            new("croNumber", person["croNumber"]?.GetValue<string>() ?? ""),
            new("postcode", "TW9 1AA"),
            new("ward", "South Richmond"),
            new("offenceTypes", "burglary"),
            new("offenceTypes", "vehicle-crime"),
            new("drivers", "drugs"),
            new("riskOfSeriousHarm", "medium"),
            new("mappaLevel", "0"),
            new("maracCase", "no"),
            new("statutory", "yes"),
            new("ogrsScore", "81"),
            new("reason", json["reason"]!.GetValue<string>()),
            new("referrerName", "PC Sam Patel"),
            new("referrerEmail", "sam.patel@met.example.gov.uk"),
        };
        return form;
    }

    /// <summary>The prison link's release form as a browser posts it: a release today of one of a few people, from a few forms.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ValidReleaseForm(Random random)
    {
        var form = Iom.Functions.Tests.Browser.PrisonReleaseFormHttpTests.Fields(
            HostileValues.Pick(random, ["A1234BC", "B2345CD", "G7890HJ"]), HostileValues.Pick(random, GivenNames), HostileValues.Pick(random, FamilyNames));
        form.Insert(0, new("__RequestVerificationToken", AntiforgeryToken));
        form.Insert(1, new("eventId", "form-" + random.Next(8).ToString("x32", CultureInfo.InvariantCulture)));
        return form;
    }

    /// <summary>The API tests' valid referral, mostly of a new person so that valid submissions are stored, not duplicates.</summary>
    public static JsonObject ValidReferral(Random random)
    {
        var dob = new DateOnly(1960 + random.Next(45), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = random.Next(8) == 0
            ? ReferralApiTests.ValidReferral()
            : ReferralApiTests.ValidReferral(HostileValues.Pick(random, GivenNames) + (char)('a' + random.Next(26)), HostileValues.Pick(random, FamilyNames), dob, pnc: null);
        switch (random.Next(6))
        {
            case 0:
                body["emergency"] = true;
                break;
            case 1:
                body["referralType"] = "asb";
                break;
            case 2:
                body["person"]!["croNumber"] = "065656/91H";
                break;
        }

        return body;
    }

    /// <summary>A SendGrid batch about e-mails this app did not send (ignored), of tracked and untracked kinds, at the fuzz clock's time.</summary>
    public static JsonArray ValidEmailEvents(Random random)
    {
        var at = new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero).AddSeconds(-random.Next(600)).ToUnixTimeSeconds();
        var events = new JsonArray();
        for (var i = 0; i <= random.Next(3); i++)
        {
            events.Add(new JsonObject
            {
                ["email"] = HostileValues.Pick(random, ["sam.patel@met.police.uk", "jo.khan@probation.gov.uk", "x@y"]),
                ["event"] = HostileValues.Pick(random, ["processed", "deferred", "delivered", "bounce", "dropped", "open", "click"]),
                ["sg_event_id"] = $"ev-{random.Next(1_000_000)}",
                ["timestamp"] = at + i,
                ["idempotency_key"] = $"referral-acknowledgement:{random.Next(1_000_000):x8}",
            });
        }

        return events;
    }

    public static JsonObject ValidWithdrawal(Random random)
    {
        var reason = HostileValues.Pick(random, WireNames.All<WithdrawalReason>().Order(StringComparer.Ordinal).ToList());
        return new JsonObject { ["reason"] = reason, ["note"] = random.Next(2) == 0 || reason == "other" ? "Moved out of the area." : null };
    }

    private static readonly string[] DemoMemberEmails =
        ["ppo.police@richmond-iom.example", "di.police@richmond-iom.example", "sgt.snt@richmond-iom.example", "sgt.yot@richmond-iom.example"];

    private static Dictionary<string, Func<Random, string>> PanelRoute() => new() { ["panel"] = r => HostileValues.Pick(r, PanelCodes) };

    private static Dictionary<string, Func<Random, string>> MemberRoute() => new()
    {
        ["panel"] = r => HostileValues.Pick(r, PanelCodes),
        ["memberId"] = r => DemoPeople.ObjectIdOf(HostileValues.Pick(r, DemoMemberEmails)),
    };

    /// <summary>A new member of a panel: a fresh object id, a demo address (allowed in Development), dated later than the fuzz clock's today.</summary>
    public static JsonObject ValidPanelMember(Random random)
    {
        var member = ValidPanelMemberDetails(random);
        member["memberId"] = new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]).ToString("D");
        return member;
    }

    public static JsonObject ValidPanelMemberDetails(Random random) => new()
    {
        ["name"] = HostileValues.Pick(random, GivenNames) + " " + HostileValues.Pick(random, FamilyNames),
        ["organisation"] = HostileValues.Pick(random, ["Housing", "Richmond Police", "Probation", "Mental Health"]),
        ["post"] = "Team Leader",
        ["email"] = "member@richmond-iom.example",
        ["attendance"] = HostileValues.Pick(random, ["permanent", "as-required"]),
        ["seat"] = HostileValues.Pick(random, ["member", "vice-chair"]),
        ["seniorRepresentative"] = random.Next(2) == 0,
        ["effectiveFrom"] = "2027-02-01",
    };

    public static JsonObject ValidMeetings(Random random)
    {
        if (random.Next(3) == 0)
        {
            return new JsonObject
            {
                ["recurrence"] = new JsonObject { ["weekday"] = HostileValues.Pick(random, ["monday", "tuesday", "wednesday", "thursday", "friday"]), ["nthInMonth"] = HostileValues.Pick(random, [1, 2, 3, 4, -1]) },
                ["from"] = "2027-01-01",
                ["until"] = "2027-06-30",
                ["startTime"] = "14:30",
            };
        }

        var date = new DateOnly(2027, 1, 4).AddDays(random.Next(300));
        return new JsonObject { ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["location"] = "Twickenham Civic Centre" };
    }

    /// <summary>The id of a meeting the runner seeds (<see cref="FuzzRunner"/>: iom, asb and dyo on three dates).</summary>
    public static string KnownMeeting(Random random) =>
        HostileValues.Pick(random, ["iom", "asb", "dyo"]) + "-" + HostileValues.Pick(random, ["2026-12-29", "2027-01-12", "2027-01-26"]);

    public static JsonObject ValidMove(Random random)
    {
        var date = new DateOnly(2027, 1, 4).AddDays(random.Next(120));
        var move = new JsonObject { ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (random.Next(2) == 0)
        {
            move["startTime"] = "14:30";
            move["location"] = "Twickenham Civic Centre";
        }

        return move;
    }

    public static IReadOnlyList<KeyValuePair<string, string>> ValidListQuery(Random random)
    {
        var query = new List<KeyValuePair<string, string>> { new("panel", HostileValues.Pick(random, PanelCodes)) };
        if (random.Next(3) == 0)
        {
            query.Add(new("status", ReferralView.StatusName(HostileValues.Pick(random, Enum.GetValues<ReferralStatus>()))));
        }

        if (random.Next(3) == 0)
        {
            query.Add(new("meeting", "2027-01-12"));
        }

        if (random.Next(3) == 0)
        {
            query.Add(new("page", (1 + random.Next(3)).ToString(CultureInfo.InvariantCulture)));
            query.Add(new("pageSize", (1 + random.Next(100)).ToString(CultureInfo.InvariantCulture)));
        }

        return query;
    }
}
