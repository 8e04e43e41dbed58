using System.Globalization;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Cohort.Lookup;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Tests.Panels;
using Iom.Domain.Cohort;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Cohort;

/// <summary>
/// The prosecutor's look-up, against memberships and identity claims written directly: finalising minutes creates
/// memberships and is built elsewhere at the same time.
/// </summary>
public sealed class CohortLookupTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Person = "feedfacefeedfacefeedfacefeedface";
    private const string Pnc = "2012/0052494Q";

    private readonly ActionKit kit = new("2026-12-14T09:00:00Z");

    public void Dispose() => kit.Dispose();

    private CohortLookup Lookup => new(kit.Documents, kit.Audit.Trail(), kit.Time);

    private static ActingAs Prosecutor(string? stated = null) =>
        new(new Caller("cps-duty-oid", "Duty Prosecutor", null, "cps", new HashSet<string> { Roles.Prosecutor }), "corr-lookup", CohortLookup.Purpose)
        {
            Scope = new ObjectScope(new CohortLookupAccess(), new HashSet<string> { Roles.Prosecutor }),
            StatedPurpose = stated,
        };

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A person known by <see cref="Pnc"/>, selected on 10 Nov 2026 and de-selected on 12 Jan 2027.</summary>
    private async Task KnownAndSelectedAsync()
    {
        PncId.TryParse(Pnc, D("2026-12-14"), out var pnc, out _).ShouldBeTrue();
        var id = PersonMatchKeys.ToDocumentId(PersonMatchKeys.OfPnc(pnc));
        await kit.Documents.CreateAsync(new DocumentKey(Containers.Identities, id, id),
            new IdentityClaim(PersonMatchKeys.OfPnc(pnc), Person, "0123456789abcdef0123456789abcdef", kit.Time.GetUtcNow()), Ct);
        await kit.Documents.CreateAsync(CohortDocuments.MembershipOf(Person), new CohortMembership(Person,
        [
            new CohortPeriod(D("2026-11-10"), D("2027-01-12"), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"],
                new LeadProfessional("Alex Offender-Manager", "Probation", "alex.om@justice.gov.uk", null), "iom-2026-11-10", "iom-2027-01-12", "progress"),
        ]), Ct);
    }

    [Fact]
    public async Task A_member_on_the_day_asked_is_in_the_cohort_with_category_type_lead_agency_and_contact_and_out_after_deselection()
    {
        await KnownAndSelectedAsync();

        var during = await Lookup.HandleAsync(new CohortLookupQuery("12/52494Q", null, null, null), Prosecutor(), Ct);
        var before = await Lookup.HandleAsync(new CohortLookupQuery(Pnc, null, null, D("2026-11-09")), Prosecutor(), Ct);
        var after = await Lookup.HandleAsync(new CohortLookupQuery(Pnc, null, null, D("2027-01-13")), Prosecutor(), Ct);

        during.ShouldBe(new CohortLookupAnswer(true, CohortCategory.Ppo, CohortType.Fixed, "Probation", new CohortContact("Probation", "alex.om@justice.gov.uk")));
        before.ShouldBe(CohortLookupAnswer.NotInCohort);
        after.ShouldBe(CohortLookupAnswer.NotInCohort);
    }

    [Fact]
    public async Task A_person_not_known_gets_the_same_answer_as_one_not_in_the_cohort_and_the_call_is_audited_in_the_operations_chain()
    {
        var answer = await Lookup.HandleAsync(new CohortLookupQuery(null, null, "A1234BC", null), Prosecutor("Charging advice, custody suite"), Ct);

        answer.ShouldBe(CohortLookupAnswer.NotInCohort);
        var record = (await kit.Audit.Trail().ReadAsync(AuditTrail.OperationsChain, Ct)).ShouldHaveSingleItem();
        (record.Operation, record.Subject, record.Purpose, record.StatedPurpose).ShouldBe(
            (AuditOperation.Consultation, "cohort-lookup/no-match", CohortLookup.Purpose, "Charging advice, custody suite"));
        record.Subject.ShouldNotContain("A1234BC");
    }

    [Fact]
    public async Task A_look_up_of_a_known_person_is_audited_in_their_chain_with_the_declared_and_stated_purpose()
    {
        await KnownAndSelectedAsync();

        await Lookup.HandleAsync(new CohortLookupQuery(Pnc, null, null, null), Prosecutor("Charging advice"), Ct);

        var record = (await kit.Audit.Trail().ReadAsync(Person, Ct)).ShouldHaveSingleItem();
        (record.Operation, record.Subject, record.Actor.UserId, record.Purpose, record.StatedPurpose).ShouldBe(
            (AuditOperation.Consultation, "cohort-lookup", "cps-duty-oid", CohortLookup.Purpose, "Charging advice"));
        (await kit.Audit.Trail().ReadAsync(AuditTrail.OperationsChain, Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2012/0052494X", null, null, "pnc")]
    [InlineData(null, "12345/99Q", null, "cro")]
    [InlineData(null, null, "A12345BC", "noms")]
    [InlineData(null, null, null, "pnc")]
    [InlineData(Pnc, null, "A1234BC", "noms")]
    public async Task A_malformed_identifier_or_not_exactly_one_is_refused_naming_the_field_and_nothing_is_audited(string? pnc, string? cro, string? noms, string field)
    {
        var refused = await Should.ThrowAsync<ValidationFailedException>(() => Lookup.HandleAsync(new CohortLookupQuery(pnc, cro, noms, null), Prosecutor(), Ct));

        refused.Errors.Keys.ShouldBe([field]);
        (await kit.Audit.Trail().ReadAsync(AuditTrail.OperationsChain, Ct)).ShouldBeEmpty();
    }
}
