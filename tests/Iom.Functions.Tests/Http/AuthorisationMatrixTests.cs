using System.Net;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Application.Referrals;
using Iom.Functions.Http;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// Every HTTP function of the app × every role, anonymous, and "right role, other agency", through the real HTTP
/// stack. The expected roles are written here by hand, independently of the attributes, so changing who may call an
/// endpoint means changing this table too; an endpoint with no row fails the test.
/// </summary>
public sealed class AuthorisationMatrixTests : IAsyncLifetime
{
    private const string IomMember = "ppo.police@richmond-iom.example";

    /// <summary>Who may call each function. Object-level rules (agency, panel membership) are checked separately.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Health"] = ["anonymous", .. Roles.All],
        ["Assets"] = ["anonymous", .. Roles.All],
        ["OpenApi"] = ["anonymous", .. Roles.All],
        ["SubmitReferral"] = [Roles.Referrer],
        ["GetReferral"] = [Roles.Referrer, Roles.Coordinator, Roles.PanelMember],
        ["ListReferrals"] = [Roles.Coordinator, Roles.PanelMember],
        ["WithdrawReferral"] = [Roles.Referrer],
        ["CreateMeetings"] = [Roles.Coordinator],
        ["ListMeetings"] = [Roles.Coordinator, Roles.PanelMember],
        ["GetMeeting"] = [Roles.Coordinator, Roles.PanelMember],
        ["CancelMeeting"] = [Roles.Coordinator],
        ["MoveMeeting"] = [Roles.Coordinator],
        ["GetPanelMembers"] = [Roles.Coordinator],
        ["AddPanelMember"] = [Roles.Coordinator],
        ["ChangePanelMember"] = [Roles.Coordinator],
        ["RemovePanelMember"] = [Roles.Coordinator],
        ["ChangeChairOrganisation"] = [Roles.Coordinator],
        ["SaveMinutes"] = [Roles.Coordinator],
        ["GetMinutes"] = [Roles.Coordinator, Roles.PanelMember],
        ["FinaliseMinutes"] = [Roles.Coordinator],
        ["GetAgendaPack"] = [Roles.Coordinator, Roles.PanelMember],
        ["ReadAuditLog"] = [Roles.Auditor],
        ["VerifyAuditLog"] = [Roles.Auditor],
        ["ExportPerson"] = [Roles.Auditor],
        ["FindPeople"] = [Roles.Auditor],
        ["ReferralForm"] = [Roles.Referrer],
        ["SubmitReferralForm"] = [Roles.Referrer],
        ["ReferralConfirmation"] = [Roles.Referrer, Roles.Coordinator, Roles.PanelMember],
        ["PrisonReleaseForm"] = [Roles.PrisonLink],
        ["SubmitPrisonReleaseForm"] = [Roles.PrisonLink],
        ["PrisonReleaseConfirmation"] = [Roles.PrisonLink],
        ["ListActions"] = [Roles.Coordinator, Roles.PanelMember],
        ["GetAction"] = [Roles.Coordinator, Roles.PanelMember],
        ["CompleteAction"] = [Roles.Coordinator, Roles.PanelMember],
        ["CohortLookup"] = [Roles.Prosecutor],
        // Signed callers only (SendGrid): no role, and no principal, admits anyone; see the signature test below.
        ["ReceiveEmailEvents"] = [],
        // Signed by a prison's key, or a relay's: no role admits anyone (see the signature tests below).
        ["ReceivePrisonRelease"] = [],
        ["RelayPrisonEvent"] = [],
        ["ListCirculations"] = [Roles.Coordinator],
        ["ResendCirculation"] = [Roles.Coordinator],
        ["OpenLink"] = [Roles.Coordinator, Roles.PanelMember, Roles.Referrer],
        ["ConfirmReleaseMatch"] = [Roles.Coordinator],
        ["RejectReleaseMatch"] = [Roles.Coordinator],
        ["ListUnmatchedReleases"] = [Roles.Coordinator],
        // Recipients (the matrix's caller is the alert's lead professional, by object id, whatever the role) and co-ordinators.
        ["GetReleaseAlert"] = [Roles.Coordinator, Roles.Referrer, Roles.PanelMember],
        ["AcknowledgeReleaseAlert"] = [Roles.Coordinator, Roles.Referrer, Roles.PanelMember],
        ["UploadOffendingRecords"] = [Roles.Analyst],
        // Aggregates only: analysts and co-ordinators; councillors read the dashboard's suppressed ward view instead.
        ["GetRollup"] = [Roles.Analyst, Roles.Coordinator],
        ["GetRollupCsv"] = [Roles.Analyst, Roles.Coordinator],
        ["RecomputeRollup"] = [Roles.Analyst, Roles.Coordinator],
        ["MapWards"] = [Roles.Coordinator],
        // Configuration, no personal data: whoever writes or reads a referral's ward, or reads ward-keyed rollups.
        ["ListWards"] = [Roles.Referrer, Roles.Coordinator, Roles.PanelMember, Roles.Analyst, Roles.Councillor],
        // Aggregates only: a councillor gets the suppressed ward view of the same page.
        ["PerformanceDashboard"] = [Roles.Analyst, Roles.Coordinator, Roles.Councillor],
        [FallbackFunction.Name] = ["anonymous", .. Roles.All],
    };

    /// <summary>Functions about one referral or panel: another agency's referrer, or a member of another panel, gets 404.</summary>
    private static readonly string[] ObjectLevel = ["GetReferral", "WithdrawReferral", "ReferralConfirmation", "ListReferrals", "GetAction", "CompleteAction", "ListMeetings", "GetMeeting", "GetMinutes", "GetAgendaPack"];

    /// <summary>A meeting that exists, with (empty) minutes, so the object-level check is about the panel, not a missing meeting.</summary>
    private const string Meeting = "iom-2030-01-08";

    private readonly Iom.Functions.Tests.Mail.SendGridSigner sendGrid = new();

    /// <summary>A key of prison SWI and a relay's key the host trusts.</summary>
    private readonly Iom.Functions.Tests.Releases.ReleaseSigner prisonKey = new("matrix-swi");

    private readonly Iom.Functions.Tests.Releases.ReleaseSigner relayKey = new("matrix-relay");

    /// <summary>One body for every request to the prison door, so "a replayed one" is byte for byte "a good one".</summary>
    private readonly byte[] releaseNotification = Iom.Functions.Tests.Releases.PrisonReleaseDoorTests.Notification();

    private RunningLocalHost host = null!;
    private string referralId = null!;
    private string personId = null!;
    private string actionId = null!;
    private string matchId = null!;
    private string alertId = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await RunningLocalHost.StartAsync(extraArgs: ["--RateLimits:PermitsPerMinute=1000", sendGrid.Setting, .. prisonKey.PrisonSettings("SWI"), .. relayKey.RelaySettings()]);
        (referralId, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        // An IOM action about the person, owned by the member every role calls as (written directly until finalised minutes create actions).
        actionId = (await Panels.ActionApiTests.AddActionAsync(host, DemoPeople.ObjectIdOf(IomMember), new DateOnly(2026, 12, 1), personId)).Id;
        matchId = await Releases.ReleaseMatchSeed.PossibleAsync(host, personId);
        using var meeting = RunningLocalHost.Request(HttpMethod.Post, "/api/panels/iom/meetings", Roles.Coordinator);
        meeting.Content = RunningLocalHost.Json("""{"date":"2030-01-08"}""");
        (await host.Client.SendAsync(meeting, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var minutes = RunningLocalHost.Request(HttpMethod.Put, $"/api/meetings/{Meeting}/minutes", Roles.Coordinator);
        minutes.Content = RunningLocalHost.Json("{}");
        (await host.Client.SendAsync(minutes, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A release alert whose lead professional is the member every role calls as.
        alertId = Releases.ReleaseAlertApiTests.NewAlertId();
        await Releases.ReleaseAlertApiTests.InCohortAsync(host, personId, IomMember);
        await Releases.ReleaseAlertApiTests.RaiseAsync(host, alertId, personId);
        // October's rollup, so reading it answers 200 to whoever may.
        using var rollup = RunningLocalHost.Request(HttpMethod.Post, "/api/performance/rollups/2026-10/recompute", Roles.Analyst);
        (await host.Client.SendAsync(rollup, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        sendGrid.Dispose();
    }

    /// <summary>A request each function would accept from an entitled caller (or refuse only for its content).</summary>
    private HttpRequestMessage RequestFor(string function) => function switch
    {
        "Health" => new(HttpMethod.Get, "/api/health"),
        "Assets" => new(HttpMethod.Get, "/api/assets/govuk-frontend.min.css"),
        "OpenApi" => new(HttpMethod.Get, "/api/openapi.json"),
        "SubmitReferral" => Json(HttpMethod.Post, "/api/referrals", "{}"),
        "GetReferral" => new(HttpMethod.Get, $"/api/referrals/{referralId}"),
        "ListReferrals" => new(HttpMethod.Get, "/api/referrals?panel=iom"),
        "WithdrawReferral" => Json(HttpMethod.Post, $"/api/referrals/{referralId}/withdraw", """{"reason":"referred-in-error"}"""),
        "CreateMeetings" => Json(HttpMethod.Post, "/api/panels/iom/meetings", "{}"),
        "ListMeetings" => new(HttpMethod.Get, "/api/panels/iom/meetings"),
        "GetMeeting" => new(HttpMethod.Get, $"/api/meetings/{Meeting}"),
        "CancelMeeting" => Json(HttpMethod.Post, $"/api/meetings/{Meeting}/cancel", "{}"),
        "MoveMeeting" => Json(HttpMethod.Post, $"/api/meetings/{Meeting}/move", "{}"),
        // Membership: refused for its content (400) by whoever may call it; nothing changes.
        "GetPanelMembers" => new(HttpMethod.Get, "/api/panels/iom/members"),
        "AddPanelMember" => Json(HttpMethod.Post, "/api/panels/iom/members", "{}"),
        "ChangePanelMember" => Json(HttpMethod.Put, $"/api/panels/iom/members/{DemoPeople.ObjectIdOf(IomMember)}", "{}"),
        "RemovePanelMember" => new(HttpMethod.Delete, $"/api/panels/iom/members/{DemoPeople.ObjectIdOf(IomMember)}?effectiveFrom=not-a-date"),
        "ChangeChairOrganisation" => Json(HttpMethod.Put, "/api/panels/iom/chair-organisation", "{}"),
        "SaveMinutes" => Json(HttpMethod.Put, $"/api/meetings/{Meeting}/minutes", "{}"),
        "GetMinutes" => new(HttpMethod.Get, $"/api/meetings/{Meeting}/minutes"),
        "FinaliseMinutes" => new(HttpMethod.Post, $"/api/meetings/{Meeting}/minutes/finalise"),
        "GetAgendaPack" => new(HttpMethod.Get, $"/api/meetings/{Meeting}/pack"),
        "ReadAuditLog" => new(HttpMethod.Get, $"/api/audit?person={personId}"),
        "VerifyAuditLog" => new(HttpMethod.Get, $"/api/audit/verify?person={personId}"),
        "ExportPerson" => new(HttpMethod.Get, $"/api/people/{personId}/export"),
        "FindPeople" => new(HttpMethod.Get, "/api/people?noms=A1234BC"),
        "ReferralForm" => new(HttpMethod.Get, "/api/referrals/new"),
        "SubmitReferralForm" => new(HttpMethod.Post, "/api/referrals/new") { Content = new FormUrlEncodedContent([]) },
        "ReferralConfirmation" => new(HttpMethod.Get, $"/api/referrals/{referralId}/confirmation"),
        // No anti-forgery token: refused for its content (a 400 page) by a prison link; nothing is recorded.
        "PrisonReleaseForm" => new(HttpMethod.Get, "/api/prison-releases/new"),
        "SubmitPrisonReleaseForm" => new(HttpMethod.Post, "/api/prison-releases/new") { Content = new FormUrlEncodedContent([]) },
        "PrisonReleaseConfirmation" => new(HttpMethod.Get, "/api/prison-releases/new/confirmation?id=release-0123456789abcdef0123456789abcdef"),
        "ListActions" => new(HttpMethod.Get, "/api/actions?owner=me&overdue=true"),
        "GetAction" => new(HttpMethod.Get, $"/api/actions/{actionId}"),
        // The co-ordinator completes it first (as this member's object id), so the owner's call is the same caller's repeat.
        "CompleteAction" => new(HttpMethod.Post, $"/api/actions/{actionId}/complete"),
        "CohortLookup" => new(HttpMethod.Get, "/api/cohort/lookup?noms=A1234BC"),
        "ReceiveEmailEvents" => Iom.Functions.Tests.Mail.SendGridSigner.Bare("[]"u8.ToArray()),
        // Valid bodies (a release at SWI; an event type the flow ignores): only the signature decides.
        "ReceivePrisonRelease" => Iom.Functions.Tests.Releases.ReleaseSigner.Bare("/api/prison-releases", releaseNotification),
        "RelayPrisonEvent" => Iom.Functions.Tests.Releases.ReleaseSigner.Bare("/api/prison-events",
            """{"eventType":"prison-offender-events.prisoner.received","version":1,"occurredAt":"2024-10-14T15:09:54+01:00"}"""u8.ToArray()),
        "ListCirculations" => new(HttpMethod.Get, $"/api/meetings/{Meeting}/circulations"),
        // An empty body is refused (400) before the circulation is looked for: the role decides, not the object.
        "ResendCirculation" => Json(HttpMethod.Post, $"/api/circulations/circulation-{Meeting}-agenda-1/resend", "{}"),
        // A token that is not ours: 400 for every entitled role, whatever their agency (the document decides access).
        "OpenLink" => new(HttpMethod.Get, "/api/links?token=l1.e30.0123456789abcdef.AAAA"),
        // A possible match about the person: the first entitled call decides it, a later one is told it is decided (409).
        "ConfirmReleaseMatch" => Json(HttpMethod.Post, $"/api/release-matches/{matchId}/confirm", "{}"),
        "RejectReleaseMatch" => new(HttpMethod.Post, $"/api/release-matches/{matchId}/reject"),
        "ListUnmatchedReleases" => new(HttpMethod.Get, "/api/prison-releases?unmatched=true"),
        "GetReleaseAlert" => new(HttpMethod.Get, $"/api/release-alerts/{alertId}"),
        "AcknowledgeReleaseAlert" => new(HttpMethod.Post, $"/api/release-alerts/{alertId}/acknowledge"),
        // An empty array: nothing to store, 200 with an empty report for the analyst.
        "UploadOffendingRecords" => Json(HttpMethod.Post, "/api/offending-records", "[]"),
        // A finished month, computed at the start: recomputed and read as JSON and CSV (200) by whoever may.
        "GetRollup" => new(HttpMethod.Get, "/api/performance/rollups/2026-10"),
        "GetRollupCsv" => new(HttpMethod.Get, "/api/performance/rollups/2026-10.csv"),
        "RecomputeRollup" => new(HttpMethod.Post, "/api/performance/rollups/2026-10/recompute"),
        // A dry run: the matrix's referral is reported, nothing is changed.
        "MapWards" => new(HttpMethod.Post, "/api/wards/mapping?dryRun=true"),
        "ListWards" => new(HttpMethod.Get, "/api/wards"),
        "PerformanceDashboard" => new(HttpMethod.Get, "/api/performance/dashboard"),
        FallbackFunction.Name => new(HttpMethod.Delete, "/api/health"),
        _ => throw new InvalidOperationException($"No matrix row for {function}: add its request and allowed roles."),
    };

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) => new(method, path) { Content = RunningLocalHost.Json(body) };

    private Task<HttpStatusCode> Call(string function, string? role, string agency = "police", string email = IomMember) =>
        CallOn(host, function, role, agency, email);

    private async Task<HttpStatusCode> CallOn(RunningLocalHost on, string function, string? role, string agency = "police", string email = IomMember)
    {
        using var request = RequestFor(function);
        if (role is not null)
        {
            request.Headers.Add(Iom.Application.Identity.ClientPrincipal.HeaderName, ClientPrincipal.Encode(DemoPeople.ObjectIdOf(email), "Matrix", email, agency, [role]));
        }

        return (await on.Client.SendAsync(request, Ct)).StatusCode;
    }

    public static TheoryData<string> Functions() => new(FunctionCatalog.ForApp().Http.Select(f => f.Name).Order());

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Every_role_and_anonymous_get_exactly_what_the_matrix_says(string function)
    {
        Allowed.ShouldContainKey(function, $"{function} has no row in the authorisation matrix.");
        var cells = new List<string>();
        foreach (var role in Roles.All.Prepend("anonymous"))
        {
            var status = await Call(function, role == "anonymous" ? null : role);
            var allowed = Allowed[function].Contains(role);
            // A signed caller's function admits no role at all: unsigned, everyone is unauthenticated to it.
            var signed = FunctionCatalog.ForApp().FindHttp(function)!.Policy is { Signer: not null };
            var expected = allowed ? "allowed" : role == "anonymous" || signed ? "401" : "403";
            var actual = status switch
            {
                HttpStatusCode.Unauthorized => "401",
                HttpStatusCode.Forbidden => "403",
                >= HttpStatusCode.InternalServerError => $"server error {(int)status}",
                _ when allowed => "allowed",
                _ => $"let through with {(int)status}",
            };
            if (actual != expected)
            {
                cells.Add($"{role}: expected {expected}, got {actual}");
            }
        }

        cells.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task With_the_auth_platform_off_every_non_anonymous_function_answers_401_to_every_role(string function)
    {
        // The Azure worker's own front end with WEBSITE_AUTH_ENABLED unset: a slot or redeploy without App Service
        // Authentication, where anyone could send a forged principal.
        await using var off = await IdentityGateTests.AsDeployedAsync();
        var anonymous = Allowed[function].Contains("anonymous");
        var cells = new List<string>();
        foreach (var role in Roles.All.Prepend("anonymous"))
        {
            var status = await CallOn(off, function, role == "anonymous" ? null : role);
            // Anonymous functions still answer (health answers 503: it reports the platform's authentication as off).
            if (anonymous ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError : status != HttpStatusCode.Unauthorized)
            {
                cells.Add($"{role}: got {(int)status}");
            }
        }

        cells.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task The_right_role_from_another_agency_or_another_panel_is_told_the_referral_or_panel_does_not_exist(string function)
    {
        if (FunctionCatalog.ForApp().FindHttp(function)!.Policy is { Signer: not null })
        {
            // No person reaches anything through it: the right principal without a signature is still refused.
            (await Call(function, Roles.Coordinator, agency: "probation")).ShouldBe(HttpStatusCode.Unauthorized);
            return;
        }

        if (!ObjectLevel.Contains(function))
        {
            // Not object-level: the agency makes no difference to an entitled role.
            var role = Allowed[function].First(r => r != "anonymous");
            (await Call(function, role == "anonymous" ? null : role, agency: "probation")).ShouldNotBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            return;
        }

        Allowed[function].ShouldContain(r => r == Roles.Referrer || r == Roles.PanelMember, "an object-level row must say whose objects are whose");
        if (Allowed[function].Contains(Roles.Referrer))
        {
            (await Call(function, Roles.Referrer, agency: "probation")).ShouldBe(HttpStatusCode.NotFound);
        }

        if (Allowed[function].Contains(Roles.PanelMember))
        {
            (await Call(function, Roles.PanelMember, email: "sgt.snt@richmond-iom.example")).ShouldBe(HttpStatusCode.NotFound);
        }
    }

    public static TheoryData<string> SignedFunctions() =>
        new(FunctionCatalog.ForApp().Http.Where(f => f.Policy is { Signer: not null }).Select(f => f.Name).Order());

    /// <summary>
    /// How a request to a signed caller's function is signed: not at all, by someone else, too long ago, properly, or
    /// (for the release doors, which remember accepted signatures) a second time exactly as before.
    /// </summary>
    private HttpRequestMessage SignedRequestFor(string function, string how, DateTimeOffset now)
    {
        var request = RequestFor(function);
        var body = request.Content!.ReadAsByteArrayAsync(Ct).GetAwaiter().GetResult();
        var kind = FunctionCatalog.ForApp().FindHttp(function)!.Policy!.Signer;
        if (kind == typeof(Iom.Functions.Security.SendGridEventSignature))
        {
            using var stranger = new Iom.Functions.Tests.Mail.SendGridSigner();
            var (signer, at) = how switch
            {
                "no signature" => (null, now),
                "a wrong one" => (stranger, now),
                "a stale one" => (sendGrid, now.AddMinutes(-10)),
                _ => (sendGrid, now),
            };
            if (signer is not null)
            {
                var timestamp = Iom.Functions.Tests.Mail.SendGridSigner.Timestamp(at);
                request.Headers.Add(Iom.Functions.Security.SendGridEventSignature.SignatureHeader, signer.Sign(timestamp, body));
                request.Headers.Add(Iom.Functions.Security.SendGridEventSignature.TimestampHeader, timestamp);
            }

            return request;
        }

        kind.ShouldBeOneOf([typeof(Iom.Functions.Security.PrisonReleaseSignature), typeof(Iom.Functions.Security.PrisonEventRelaySignature)],
            "a new kind of signer needs its way of signing here");
        var key = kind == typeof(Iom.Functions.Security.PrisonReleaseSignature) ? prisonKey : relayKey;
        // The other door's key: known to the host, so only the door's own list can be what refuses it.
        var otherDoors = kind == typeof(Iom.Functions.Security.PrisonReleaseSignature) ? relayKey : prisonKey;
        var (by, signedAt) = how switch
        {
            "no signature" => (null, now),
            "a wrong one" => (new Iom.Functions.Tests.Releases.ReleaseSigner(key.KeyId), now),
            "another door's key" => (otherDoors, now),
            "a stale one" => (key, now.AddMinutes(-10)),
            _ => (key, now),
        };
        foreach (var (name, value) in by?.Headers(body, signedAt) ?? [])
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(SignedFunctions))]
    public async Task A_signed_callers_function_admits_a_good_signature_and_refuses_none_a_wrong_a_stale_or_a_replayed_one_with_401(string function)
    {
        var remembers = FunctionCatalog.ForApp().FindHttp(function)!.Policy!.Signer != typeof(Iom.Functions.Security.SendGridEventSignature);
        var cases = remembers
            ? new[] { "no signature", "a wrong one", "another door's key", "a stale one", "a good one", "a replayed one" }
            : ["no signature", "a wrong one", "a stale one", "a good one"];
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var cells = new List<string>();
        foreach (var how in cases)
        {
            // "a replayed one" is "a good one" sent again: the same body, key and timestamp.
            using var request = SignedRequestFor(function, how, now);
            var status = (await host.Client.SendAsync(request, Ct)).StatusCode;
            var expected = how == "a good one" ? "allowed" : "401";
            var actual = status switch
            {
                HttpStatusCode.Unauthorized => "401",
                HttpStatusCode.Forbidden => "403",
                >= HttpStatusCode.InternalServerError => $"server error {(int)status}",
                >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices => "allowed",
                _ => $"{(int)status}",
            };
            if (actual != expected)
            {
                cells.Add($"{how}: expected {expected}, got {actual}");
            }
        }

        cells.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_prisons_key_reporting_a_release_from_another_prison_gets_403()
    {
        var body = Iom.Functions.Tests.Releases.PrisonReleaseDoorTests.Notification(prison: "WWI");
        using var request = prisonKey.Post("/api/prison-releases", body, host.Services.GetRequiredService<TimeProvider>().GetUtcNow());

        (await host.Client.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void The_matrix_has_no_rows_for_functions_that_no_longer_exist()
    {
        Allowed.Keys.Except(FunctionCatalog.ForApp().Http.Select(f => f.Name)).ShouldBeEmpty();
    }
}
