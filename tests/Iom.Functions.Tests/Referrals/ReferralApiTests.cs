using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// The referral JSON API through the real HTTP stack of the local host, with the clock started on Monday
/// 14 December 2026 and IOM meetings on Tuesday 29 December 2026 and Tuesday 12 January 2027.
/// </summary>
public sealed class ReferralApiTests : IAsyncLifetime
{
    private const string IomMember = "ppo.police@richmond-iom.example"; // an IOM Panel member in panels.json
    private const string AsbOnlyMember = "sgt.snt@richmond-iom.example"; // sits on the ASB Panel only
    private const string IomCoordinator = "iom.coordinator@richmond-iom.example";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);
        foreach (var date in new[] { "2026-12-29", "2027-01-12" })
        {
            var created = await Send(HttpMethod.Post, "/api/panels/iom/meetings", Roles.Coordinator, new JsonObject { ["date"] = date });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    internal static JsonObject ValidReferral(string given = "Darren", string family = "Quenby", string dob = "1994-03-02", string? pnc = "2012/0052494Q") => new()
    {
        ["person"] = new JsonObject
        {
            ["givenName"] = given,
            ["familyName"] = family,
            ["dateOfBirth"] = dob,
            ["gender"] = "male",
            ["pncId"] = pnc,
            ["postcode"] = "tw9 1aa",
            ["ward"] = "South Richmond",
        },
        ["referralType"] = "iom",
        ["reason"] = "Prolific burglary and theft from vehicles since release.",
        ["offenceTypes"] = new JsonArray("burglary", "vehicle-crime"),
        ["drivers"] = new JsonArray("drugs", "accommodation"),
        ["riskOfSeriousHarm"] = "medium",
        ["mappaLevel"] = 0,
        ["maracCase"] = false,
        ["ogrsScore"] = 81,
        ["statutory"] = true,
        ["emergency"] = false,
        ["referrer"] = new JsonObject { ["name"] = "PC Sam Patel", ["email"] = "sam.patel@met.example.gov.uk" },
    };

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string role, JsonNode? body = null, string? agency = "police", string email = "test@police.example")
    {
        var request = RunningLocalHost.Request(method, path, role, agency, email);
        if (body is not null)
        {
            request.Content = RunningLocalHost.Json(body.ToJsonString());
        }

        return await host.Client.SendAsync(request, Ct);
    }

    private Task<HttpResponseMessage> Submit(JsonNode body, string agency = "police") => Send(HttpMethod.Post, "/api/referrals", Roles.Referrer, body, agency);

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private async Task<int> ListedCount() =>
        (await Body(await Send(HttpMethod.Get, "/api/referrals?panel=iom&pageSize=100", Roles.Coordinator))).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task A_valid_referral_gets_201_with_its_location_reference_status_panel_meeting_and_the_rule_that_routed_it()
    {
        var response = await Submit(ValidReferral());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await Body(response);
        var id = body.GetProperty("id").GetString()!;
        response.Headers.Location!.ToString().ShouldBe($"/api/referrals/{id}");
        body.GetProperty("reference").GetString()!.ShouldMatch("^IOM-261214-[0-9A-Z]{4}$");
        body.GetProperty("status").GetString().ShouldBe("listed");
        body.GetProperty("panel").GetString().ShouldBe("iom");
        body.GetProperty("decidedBy").GetProperty("rule").GetString().ShouldBe("adult-iom");
        body.GetProperty("decidedBy").GetProperty("inputs").GetProperty("age").GetString().ShouldBe("32");
    }

    [Fact]
    public async Task A_referral_on_14_December_is_listed_for_12_January_because_29_December_is_only_9_working_days_away()
    {
        var body = await Body(await Submit(ValidReferral()));

        body.GetProperty("meetingDate").GetString().ShouldBe("2027-01-12");
    }

    [Fact]
    public async Task An_emergency_referral_goes_to_the_next_meeting_and_the_coordinator_is_emailed_without_personal_data()
    {
        var referral = ValidReferral();
        referral["emergency"] = true;

        var body = await Body(await Submit(referral));

        body.GetProperty("meetingDate").GetString().ShouldBe("2026-12-29");
        var reference = body.GetProperty("reference").GetString()!;
        var mail = await Outbox.WaitForAsync(host, "iom.coordinator@richmond-iom.example", reference);
        mail.ShouldContain("Emergency referral");
        Outbox.ShouldHoldNoPersonalData(mail, referral);
    }

    [Fact]
    public async Task Each_email_about_a_referral_is_in_the_persons_audit_log_as_a_disclosure_to_its_recipients_in_the_referrals_request()
    {
        var referral = ValidReferral();
        referral["emergency"] = true;
        var (referralId, personId) = await host.ReferAsync(referral);
        var documents = host.Services.GetRequiredService<Iom.Application.Ports.Documents.IDocumentStore>();
        var reference = (await documents.ReadAsync<Iom.Domain.Referrals.Referral>(Iom.Application.Referrals.ReferralStore.KeyOf(personId, referralId), Ct))!.Value.Reference;

        await Outbox.WaitForAsync(host, "sam.patel@met.example.gov.uk", reference);
        await Outbox.WaitForAsync(host, "iom.coordinator@richmond-iom.example", reference);

        var log = await host.Services.GetRequiredService<Iom.Application.Audit.AuditTrail>().ReadAsync(personId, Ct);
        var collection = log.Single(r => r.Operation == Iom.Application.Audit.AuditOperation.Collection);
        var disclosures = log.Where(r => r.Operation == Iom.Application.Audit.AuditOperation.Disclosure).ToList();
        disclosures.Select(d => (d.Subject, Recipients: string.Join(",", d.Recipients!))).ShouldBe(
        [
            ($"referral/{referralId}/acknowledgement", "sam.patel@met.example.gov.uk"),
            ($"referral/{referralId}/emergency-notice", "iom.coordinator@richmond-iom.example"),
        ], ignoreOrder: true);
        disclosures.ShouldAllBe(d => d.CorrelationId == collection.CorrelationId);
    }

    [Fact]
    public async Task The_referrer_is_acknowledged_by_email_with_the_reference_panel_meeting_and_a_link_and_no_personal_data()
    {
        var referral = ValidReferral();
        var body = await Body(await Submit(referral));
        var reference = body.GetProperty("reference").GetString()!;

        var mail = await Outbox.WaitForAsync(host, "sam.patel@met.example.gov.uk", reference);

        mail.ShouldContain($"Subject: IOM referral {reference} received");
        mail.ShouldContain("IOM Panel");
        mail.ShouldContain("Tuesday 12 January 2027");
        mail.ShouldContain($"/api/referrals/{body.GetProperty("id").GetString()}");
        Outbox.ShouldHoldNoPersonalData(mail, referral);
    }

    [Fact]
    public async Task The_acknowledgement_is_html_with_a_plain_text_alternative_each_with_the_reference_and_link()
    {
        var body = await Body(await Submit(ValidReferral()));
        var reference = body.GetProperty("reference").GetString()!;
        await Outbox.WaitForAsync(host, "sam.patel@met.example.gov.uk", reference);

        var message = Outbox.Messages(host).Single(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true && m.To.ToString().Contains("sam.patel", StringComparison.Ordinal));

        var alternative = message.Body.ShouldBeOfType<MimeKit.MultipartAlternative>();
        alternative.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        var link = $"/api/referrals/{body.GetProperty("id").GetString()}/confirmation";
        var text = message.TextBody.ShouldNotBeNull();
        text.ShouldContain(reference);
        text.ShouldContain(link);
        text.ShouldNotContain("<p");
        var html = message.HtmlBody.ShouldNotBeNull();
        html.ShouldContain($"<strong>{reference}</strong>");
        html.ShouldContain(link);
    }

    [Fact]
    public async Task A_thin_referral_received_event_is_published_once_pointing_at_the_referral_and_carrying_no_personal_data()
    {
        var referral = ValidReferral();
        var body = await Body(await Submit(referral));
        var id = body.GetProperty("id").GetString()!;
        var folder = Path.Combine(host.DataDirectory, "events");

        var published = await Eventually.Async(() => Task.FromResult(
            Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Select(File.ReadAllText).FirstOrDefault(e => e.Contains(id, StringComparison.Ordinal)) : null));

        var domainEvent = JsonDocument.Parse(published).RootElement;
        domainEvent.GetProperty("eventType").GetString().ShouldBe("iom.referral.received");
        domainEvent.GetProperty("detailUrl").GetString()!.ShouldEndWith($"/api/referrals/{id}");
        domainEvent.GetProperty("additionalInformation").GetProperty("reference").GetString().ShouldBe(body.GetProperty("reference").GetString());
        Outbox.ShouldHoldNoPersonalData(published, referral);
        Directory.EnumerateFiles(folder, "*.json").Count(f => File.ReadAllText(f).Contains(id, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task An_invalid_referral_gets_400_listing_every_failing_field_and_stores_nothing()
    {
        var referral = ValidReferral(pnc: "2012/0052494X");
        referral["person"]!["dateOfBirth"] = "2030-01-01";
        referral["person"]!["postcode"] = "NOT A POSTCODE";
        referral["person"]!["croNumber"] = "123456/08Z";
        referral["person"]!["prisonNumber"] = "A123BC";
        referral["person"]!["crn"] = "X12345";
        referral["riskOfSeriousHarm"] = "none";
        referral["mappaLevel"] = 4;
        referral["reason"] = "";
        referral["offenceTypes"] = new JsonArray("burglary", "jaywalking");
        referral["referrer"]!["email"] = "not-an-email";

        var response = await Submit(referral);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await Body(response)).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldBe(
            ["person.dateOfBirth", "person.pncId", "person.croNumber", "person.prisonNumber", "person.crn", "person.postcode",
             "reason", "offenceTypes[1]", "riskOfSeriousHarm", "mappaLevel", "referrer.email"], ignoreOrder: true);
        errors.GetProperty("person.pncId")[0].GetString().ShouldBe("The PNC ID check letter is wrong");
        (await ListedCount()).ShouldBe(0);
    }

    [Theory]
    [InlineData("1900-01-01", "between 10 and 100")]
    [InlineData("2018-01-01", "between 10 and 100")]
    [InlineData("1994-02-30", "real date")]
    [InlineData("02/03/1994", "real date")]
    public async Task A_date_of_birth_outside_ages_10_to_100_or_not_a_real_date_is_refused(string dob, string message)
    {
        var response = await Submit(ValidReferral(dob: dob));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(response)).GetProperty("errors").GetProperty("person.dateOfBirth")[0].GetString()!.ShouldContain(message);
    }

    [Fact]
    public async Task The_referring_agency_comes_from_the_identity_and_an_agency_in_the_body_is_refused()
    {
        var referral = ValidReferral();
        referral["referringAgency"] = "probation";

        var refused = await Submit(referral);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(refused)).GetProperty("errors").TryGetProperty("referringAgency", out _).ShouldBeTrue();

        var accepted = await Body(await Submit(ValidReferral(), agency: "housing"));
        var read = await Body(await Send(HttpMethod.Get, $"/api/referrals/{accepted.GetProperty("id").GetString()}", Roles.Coordinator));
        read.GetProperty("referringAgency").GetString().ShouldBe("housing");
    }

    [Fact]
    public async Task A_referrer_whose_identity_has_no_agency_is_refused_403()
    {
        var response = await Send(HttpMethod.Post, "/api/referrals", Roles.Referrer, ValidReferral(), agency: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Body(response)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:no-agency");
    }

    [Theory]
    [InlineData("polce")]
    [InlineData("natwest")]
    [InlineData("\"><script>alert(1)</script>")]
    public async Task A_referrer_whose_agency_is_not_on_the_configured_list_is_refused_403_agency_not_recognised_and_nothing_is_stored(string agency)
    {
        var response = await Submit(ValidReferral(), agency);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Body(response);
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:agency-not-recognised");
        problem.GetProperty("title").GetString().ShouldBe("Your account's agency is not recognised, so you cannot refer.");
        problem.ToString().ShouldNotContain(agency);
        // Nothing was stored: the same person referred by a listed agency is taken in, not a duplicate.
        (await Submit(ValidReferral(), "probation")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(2, false, "mappa-managed")]
    [InlineData(3, false, "mappa-managed")]
    [InlineData(0, true, "marac-managed")]
    public async Task A_MAPPA_or_MARAC_managed_person_gets_422_naming_the_reason_and_nothing_is_stored(int mappaLevel, bool marac, string reason)
    {
        var referral = ValidReferral();
        referral["mappaLevel"] = mappaLevel;
        referral["maracCase"] = marac;

        var response = await Submit(referral);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Body(response)).GetProperty("type").GetString()!.ShouldEndWith(reason);
        (await ListedCount()).ShouldBe(0);
        // Nothing was claimed either: the same person can be referred once eligible.
        (await Submit(ValidReferral())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_young_person_below_the_Asset_threshold_with_low_or_medium_risk_gets_422_not_dyo_eligible()
    {
        var referral = ValidReferral(dob: "2010-06-01", pnc: null);
        referral["referralType"] = "dyo";
        referral["assetScore"] = 23;
        referral.Remove("ogrsScore");

        var response = await Submit(referral);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await Body(response);
        problem.GetProperty("type").GetString()!.ShouldEndWith("not-dyo-eligible");
        problem.GetProperty("inputs").GetProperty("threshold").GetString().ShouldBe("24");
    }

    [Fact]
    public async Task A_young_person_at_the_Asset_threshold_goes_to_the_DYO_panel()
    {
        await Send(HttpMethod.Post, "/api/panels/dyo/meetings", Roles.Coordinator, new JsonObject { ["date"] = "2027-01-12" });
        var referral = ValidReferral(dob: "2010-06-01", pnc: null);
        referral["assetScore"] = 24;
        referral.Remove("ogrsScore");

        var body = await Body(await Submit(referral));

        body.GetProperty("panel").GetString().ShouldBe("dyo");
        body.GetProperty("decidedBy").GetProperty("rule").GetString().ShouldBe("under-18-dyo-asset-threshold");
    }

    [Fact]
    public async Task An_adult_asb_referral_goes_to_the_ASB_panel_and_awaits_a_meeting_when_it_has_none()
    {
        var referral = ValidReferral();
        referral["referralType"] = "asb";

        var body = await Body(await Submit(referral));

        body.GetProperty("panel").GetString().ShouldBe("asb");
        body.GetProperty("status").GetString().ShouldBe("awaiting-meeting");
        body.TryGetProperty("meetingDate", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_referral_awaiting_a_meeting_is_listed_automatically_when_a_meeting_far_enough_ahead_is_created()
    {
        var referral = ValidReferral();
        referral["referralType"] = "asb";
        var id = (await Body(await Submit(referral))).GetProperty("id").GetString()!;

        await Send(HttpMethod.Post, "/api/panels/asb/meetings", Roles.Coordinator, new JsonObject { ["date"] = "2026-12-22" }); // too soon
        await Send(HttpMethod.Post, "/api/panels/asb/meetings", Roles.Coordinator, new JsonObject { ["date"] = "2027-01-19" });

        var listed = await Eventually.Async(async () =>
        {
            var read = await Body(await Send(HttpMethod.Get, $"/api/referrals/{id}", Roles.Coordinator));
            return read.GetProperty("status").GetString() == "listed" ? read.GetProperty("meetingDate").GetString() : null;
        });
        listed.ShouldBe("2027-01-19");
    }

    [Theory]
    [InlineData("12/52494Q", "Someone", "Else", "1980-01-01")] // the same PNC in its short form
    [InlineData(null, "DARREN", "quenby", "1994-03-02")] // the same names and date of birth, another case
    public async Task The_same_agency_referring_the_same_person_again_gets_409_with_its_own_existing_reference_and_nothing_new_is_stored(string? pnc, string given, string family, string dob)
    {
        var first = await Body(await Submit(ValidReferral()));

        var response = await Submit(ValidReferral(given, family, dob, pnc));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await Body(response);
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:duplicate-referral");
        problem.GetProperty("existingReference").GetString().ShouldBe(first.GetProperty("reference").GetString());
        problem.GetProperty("contactEmail").GetString().ShouldBe(IomCoordinator);
        (await ListedCount()).ShouldBe(1);
    }

    [Fact]
    public async Task Another_agency_referring_the_same_person_gets_409_naming_only_the_coordinator_to_contact_never_the_existing_reference()
    {
        var first = await Body(await Submit(ValidReferral()));
        var reference = first.GetProperty("reference").GetString()!;

        var response = await Submit(ValidReferral("DARREN", "quenby", "1994-03-02", pnc: null), agency: "probation");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync(Ct);
        text.ShouldNotContain(reference);
        text.ShouldNotContain(first.GetProperty("id").GetString()!);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:duplicate-referral");
        problem.GetProperty("status").GetInt32().ShouldBe(409);
        problem.TryGetProperty("existingReference", out _).ShouldBeFalse();
        problem.GetProperty("contactEmail").GetString().ShouldBe(IomCoordinator);
        problem.GetProperty("detail").GetString()!.ShouldContain(IomCoordinator);
        (await ListedCount()).ShouldBe(1);
    }

    [Fact]
    public async Task Every_duplicate_hit_is_a_disclosure_in_the_persons_audit_log_to_the_caller_about_the_existing_referral_for_the_intake_purpose()
    {
        var (referralId, personId) = await host.ReferAsync(ValidReferral());

        var fromProbation = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer, "probation", "prober@probation.example");
        fromProbation.Content = RunningLocalHost.Json(ValidReferral("Darren", "Quenby", "1994-03-02", pnc: null).ToJsonString());
        fromProbation.Headers.Add("X-Correlation-Id", "probe-1");
        (await host.Client.SendAsync(fromProbation, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Submit(ValidReferral())).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var trail = host.Services.GetRequiredService<AuditTrail>();
        // The acknowledgement e-mail's own disclosure is written whenever the queue delivers it; these are the hits'.
        var disclosures = (await trail.ReadAsync(personId, Ct))
            .Where(r => r.Operation == AuditOperation.Disclosure && !r.Subject.EndsWith("/acknowledgement", StringComparison.Ordinal)).ToList();
        disclosures.Select(d => (d.Actor.UserId, d.Actor.Agency, Recipients: string.Join(",", d.Recipients!), d.Subject, d.Purpose)).ShouldBe(
        [
            ("user-prober@probation.example", "probation", "user-prober@probation.example", $"referral/{referralId}", Iom.Application.Referrals.Submit.SubmitReferralHandler.Purpose),
            ("user-test@police.example", "police", "user-test@police.example", $"referral/{referralId}", Iom.Application.Referrals.Submit.SubmitReferralHandler.Purpose),
        ]);
        disclosures[0].CorrelationId.ShouldBe("probe-1");
        (await trail.VerifyAsync(personId, Ct)).Intact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("anyone@gmail.com")]
    [InlineData("sam.patel@met.police.uk.attacker.com")]
    [InlineData("test@police.example.com")] // not the caller's own address, however like it
    public async Task An_acknowledgement_address_that_is_neither_the_callers_own_nor_on_a_secure_domain_is_refused_400_naming_the_rule_and_nothing_is_stored(string email)
    {
        var referral = ValidReferral();
        referral["referrer"]!["email"] = email;

        var response = await Submit(referral);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Body(response)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["referrer.email"]);
        errors.GetProperty("referrer.email")[0].GetString().ShouldBe(Iom.Application.Mail.SecureMailDomains.Rule);
        (await ListedCount()).ShouldBe(0);
    }

    [Fact]
    public async Task The_acknowledgement_may_go_to_the_callers_own_address_from_their_identity_or_to_a_secure_domain()
    {
        var own = ValidReferral("Ann", "Own", "1980-05-05", pnc: null);
        own["referrer"]!["email"] = "Outreach.Worker@charity.org.uk";
        var ownAddress = await Send(HttpMethod.Post, "/api/referrals", Roles.Referrer, own, email: "outreach.worker@charity.org.uk");
        ownAddress.StatusCode.ShouldBe(HttpStatusCode.Created);

        var secure = ValidReferral("Bea", "Secure", "1981-06-06", pnc: null);
        secure["referrer"]!["email"] = "duty.officer@richmond.cjsm.net";
        (await Submit(secure)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_referral_can_be_read_by_its_agency_coordinators_and_its_panels_members_and_by_nobody_else()
    {
        var id = (await Body(await Submit(ValidReferral()))).GetProperty("id").GetString()!;
        var path = $"/api/referrals/{id}";

        (await Send(HttpMethod.Get, path, Roles.Referrer, agency: "police")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, path, Roles.Coordinator, agency: "council")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, path, Roles.PanelMember, agency: "police", email: IomMember)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, path, Roles.Referrer, agency: "probation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Get, path, Roles.PanelMember, agency: "police", email: AsbOnlyMember)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Get, path, Roles.Analyst)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Send(HttpMethod.Get, "/api/referrals/00000000000000000000000000000000", Roles.Coordinator)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Get, "/api/referrals/..%2F..%2Fetc", Roles.Coordinator)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stored_referral_holds_the_canonical_identifiers()
    {
        var id = (await Body(await Submit(ValidReferral(pnc: "12/52494q")))).GetProperty("id").GetString()!;

        var person = (await Body(await Send(HttpMethod.Get, $"/api/referrals/{id}", Roles.Coordinator))).GetProperty("person");

        person.GetProperty("pncId").GetString().ShouldBe("2012/0052494Q");
        person.GetProperty("postcode").GetString().ShouldBe("TW9 1AA");
    }

    [Fact]
    public async Task The_creation_and_every_read_of_a_referral_are_audited_with_who_why_and_the_correlation_id()
    {
        var id = (await Body(await Submit(ValidReferral()))).GetProperty("id").GetString()!;
        var read = RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{id}", Roles.Coordinator, "council", "coord@council.example");
        read.Headers.Add("X-Correlation-Id", "audit-test-1");
        (await host.Client.SendAsync(read, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var documents = host.Services.GetRequiredService<IDocumentStore>();
        var locator = await documents.ReadAsync<Iom.Application.Referrals.ReferralLocator>(Iom.Application.Referrals.ReferralStore.LocatorKeyOf(id), Ct);
        var audits = new List<AuditRecord>();
        await foreach (var record in documents.ReadPartitionAsync<AuditRecord>(Containers.People, locator!.Value.PersonId, Ct))
        {
            audits.Add(record.Value);
        }

        // The acknowledgement e-mail's disclosure (referral/{id}/acknowledgement) is written whenever the queue delivers it.
        audits.RemoveAll(a => a.Subject == $"referral/{id}/acknowledgement");
        audits.Select(a => a.Operation).ShouldBe([AuditOperation.Collection, AuditOperation.Consultation]);
        audits.ShouldAllBe(a => a.Subject == $"referral/{id}");
        var consultation = audits.Single(a => a.Operation == AuditOperation.Consultation);
        consultation.Actor.Agency.ShouldBe("council");
        consultation.CorrelationId.ShouldBe("audit-test-1");
        consultation.Purpose.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task The_referring_agency_can_withdraw_with_a_coded_reason_once_and_then_the_person_can_be_referred_again()
    {
        var first = await Body(await Submit(ValidReferral()));
        var path = $"/api/referrals/{first.GetProperty("id").GetString()}/withdraw";
        var withdrawal = new JsonObject { ["reason"] = "person-in-custody", ["note"] = "Remanded." };

        (await Send(HttpMethod.Post, path, Roles.Referrer, withdrawal, agency: "probation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Post, path, Roles.Referrer, new JsonObject { ["reason"] = "bored" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var withdrawn = await Send(HttpMethod.Post, path, Roles.Referrer, withdrawal);
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Body(withdrawn)).GetProperty("status").GetString().ShouldBe("withdrawn");

        var again = await Send(HttpMethod.Post, path, Roles.Referrer, withdrawal);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Body(again)).GetProperty("type").GetString()!.ShouldEndWith("invalid-transition");

        (await Submit(ValidReferral())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Coordinators_list_a_panels_referrals_by_meeting_and_status_in_pages_without_personal_data()
    {
        await Submit(ValidReferral());
        await Submit(ValidReferral("Amy", "Blake", "1990-05-05", null));
        var emergency = ValidReferral("Carl", "Dunn", "1985-07-07", null);
        emergency["emergency"] = true;
        await Submit(emergency);

        var january = await Body(await Send(HttpMethod.Get, "/api/referrals?panel=iom&meeting=2027-01-12&status=listed&pageSize=1", Roles.Coordinator));
        january.GetProperty("items").GetArrayLength().ShouldBe(1);
        var next = january.GetProperty("next").GetString()!;
        next.ShouldStartWith("/api/referrals?panel=iom&meeting=2027-01-12&status=listed&pageSize=1&continuation=");
        var second = await Body(await Send(HttpMethod.Get, next, Roles.Coordinator));
        second.GetProperty("items").GetArrayLength().ShouldBe(1);
        second.GetProperty("items")[0].GetProperty("id").GetString().ShouldNotBe(january.GetProperty("items")[0].GetProperty("id").GetString());
        second.TryGetProperty("next", out _).ShouldBeFalse("the last page has no next link");
        var december = await Body(await Send(HttpMethod.Get, "/api/referrals?panel=iom&meeting=2026-12-29", Roles.Coordinator));
        december.GetProperty("items").GetArrayLength().ShouldBe(1);
        var text = december.GetRawText();
        text.ShouldNotContain("Dunn");
        text.ShouldNotContain("1985-07-07");
        text.ShouldNotContain("personId");

        (await Send(HttpMethod.Get, "/api/referrals?panel=nope&status=lost&pageSize=0", Roles.Coordinator)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var forged = await Send(HttpMethod.Get, "/api/referrals?panel=asb&continuation=" + next[(next.IndexOf("continuation=", StringComparison.Ordinal) + 13)..], Roles.Coordinator);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(forged)).GetProperty("errors").TryGetProperty("continuation", out _).ShouldBeTrue();
        (await Send(HttpMethod.Get, "/api/referrals?panel=iom", Roles.Referrer)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_panel_member_lists_the_referrals_of_a_panel_they_sit_on_and_is_told_any_other_panel_does_not_exist()
    {
        await Submit(ValidReferral());

        var own = await Send(HttpMethod.Get, "/api/referrals?panel=iom", Roles.PanelMember, email: IomMember);
        (await Body(own)).GetProperty("items").GetArrayLength().ShouldBe(1);

        var other = await Send(HttpMethod.Get, "/api/referrals?panel=asb", Roles.PanelMember, email: IomMember);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_panel_seat_follows_the_members_object_id_not_an_email_someone_else_now_holds()
    {
        var id = (await Body(await Submit(ValidReferral()))).GetProperty("id").GetString()!;
        async Task<HttpStatusCode> Read(string objectId, string email)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{id}");
            request.Headers.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId, "Member", email, "police", [Roles.PanelMember]));
            return (await host.Client.SendAsync(request, Ct)).StatusCode;
        }

        // Entra lets an address or user name move to another account: holding it gives no seat on the panel...
        (await Read("another-account", IomMember)).ShouldBe(HttpStatusCode.NotFound);
        // ...while the member keeps theirs under a new address.
        (await Read(DemoPeople.ObjectIdOf(IomMember), "renamed.ppo@richmond-iom.example")).ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>Reads the local host's outbox folder of .eml files.</summary>
internal static class Outbox
{
    /// <summary>The decoded headers and bodies of the first message to the recipient that mentions the reference.</summary>
    public static async Task<string> WaitForAsync(RunningLocalHost host, string recipient, string reference) =>
        await Eventually.Async(() => Task.FromResult(
            Directory.Exists(Path.Combine(host.DataDirectory, "outbox"))
                ? Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "outbox"), "*.eml")
                    .Select(Decode)
                    .FirstOrDefault(m => m.Contains(recipient, StringComparison.OrdinalIgnoreCase) && m.Contains(reference, StringComparison.Ordinal))
                : null));

    /// <summary>Every message written so far, parsed.</summary>
    public static List<MimeKit.MimeMessage> Messages(RunningLocalHost host) =>
        [.. Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "outbox"), "*.eml").Select(path => MimeKit.MimeMessage.Load(path))];

    private static string Decode(string path)
    {
        using var message = MimeKit.MimeMessage.Load(path);
        return $"From: {message.From}\nTo: {message.To}\nSubject: {message.Subject}\n\n{message.TextBody}\n{message.HtmlBody}";
    }

    /// <summary>No name, date of birth, identifier or postcode of the person anywhere in the message.</summary>
    public static void ShouldHoldNoPersonalData(string mail, JsonObject referral)
    {
        var person = referral["person"]!.AsObject();
        foreach (var field in new[] { "givenName", "familyName", "dateOfBirth", "pncId", "postcode", "ward" })
        {
            if (person[field]?.GetValue<string>() is { Length: > 0 } value)
            {
                mail.ShouldNotContain(value, Case.Insensitive);
            }
        }

        mail.ShouldNotContain("2012/0052494Q");
        mail.ShouldNotContain("TW9 1AA", Case.Insensitive);
    }
}
