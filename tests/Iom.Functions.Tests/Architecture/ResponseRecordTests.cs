using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Iom.Application.Api;
using Iom.Application.Audit;
using Iom.Application.Panels.Minutes;
using Iom.Application.People;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Read;
using Iom.Functions.Http;

namespace Iom.Functions.Tests.Architecture;

/// <summary>
/// API bodies are records of their own (<see cref="IApiResponse"/>; <see cref="JsonResponse"/> takes nothing else),
/// mapped from what is stored, so renaming a stored field can only break a mapping, never change the API silently.
/// </summary>
public sealed class ResponseRecordTests
{
    private static readonly Assembly[] App =
    [
        typeof(Iom.Domain.DomainAssembly).Assembly,
        typeof(Iom.Application.Audit.AuditTrail).Assembly,
        typeof(FunctionCatalog).Assembly,
    ];

    private static readonly Type[] ResponseTypes =
        [.. App.SelectMany(a => a.GetTypes()).Where(t => typeof(IApiResponse).IsAssignableFrom(t) && !t.IsInterface)];

    [Fact]
    public void Every_answer_of_the_api_is_a_response_record_of_its_own()
    {
        ResponseTypes.Select(t => t.Name).ShouldBe(
            ["AuditChainsReport", "AuditLog", "ChainVerification", "CreatedMeetings", "FoundPeople", "HealthResponse", "MeetingList",
             "MeetingView", "PersonExport", "ReferralSummaryPage", "ReferralView", "SubmitReferralResult", "PanelActionView", "PanelActionPage",
             "CohortLookupAnswer", "PanelMembersView", "MailEventsReceipt", "MinutesView", "MeetingCirculations", "CirculationResentView",
             "ReleaseMatchView", "UnmatchedReleasePage", "ReleaseAlertView",
             "ReleaseNotificationAccepted", "PrisonEventAccepted", "OffendingUploadReport", "RollupView", "WardMappingReport", "WardListView"],
            ignoreOrder: true);
    }

    [Fact]
    public void No_response_record_is_a_stored_document_or_holds_any_type_a_stored_document_is_made_of()
    {
        var documents = App.SelectMany(a => a.GetTypes()).Where(t => t.GetCustomAttribute<DocumentKindAttribute>() is not null)
            .Concat(DomainDocumentKinds.Names.Keys).ToList();
        documents.ShouldContain(typeof(Iom.Domain.Referrals.Referral));
        var stored = Reachable(documents);

        var exposed = Reachable(ResponseTypes).Where(stored.Contains).Select(t => t.FullName).ToList();

        exposed.ShouldBeEmpty("a response record reaches a stored type, so renaming a stored field would change the API");
    }

    /// <summary>The contract of the bodies mapped from stored documents, by JSON name: only a change here changes the API.</summary>
    [Theory]
    [InlineData(typeof(ReferralView),
        "id reference referralType panel status meetingDate person reason offenceTypes drivers riskOfSeriousHarm mappaLevel maracCase "
        + "assetScore ogrsScore statutory emergency referrer referringAgency submittedBy submittedAt decidedBy history withdrawalReason withdrawalNote")]
    [InlineData(typeof(ReferralView.PersonView), "givenName familyName dateOfBirth gender ethnicity pncId croNumber prisonNumber crn postcode ward wardName")]
    [InlineData(typeof(ReferralView.ReferrerView), "name email phone")]
    [InlineData(typeof(ReferralView.StatusChangeView), "from to at byUserId reason")]
    [InlineData(typeof(RoutingDecisionView), "rule inputs panel")]
    [InlineData(typeof(ReferralSummaryPage), "items next")]
    [InlineData(typeof(ReferralSummary), "id reference panel status meetingDate emergency referringAgency submittedAt")]
    [InlineData(typeof(AuditLog), "personId items next")]
    [InlineData(typeof(AuditRecordView),
        "id personId sequence operation subject actor purpose at correlationId recipients previousHash hash statedPurpose disclosureId disclosurePeople")]
    [InlineData(typeof(PersonExport), "personId exportedAt referrals listings identityIndex offendingRecords auditLog")]
    [InlineData(typeof(ExportedOffendingRecord), "sourceRef offenceDate outcomeDate outcome offenceType recordedAt")]
    [InlineData(typeof(ExportedReferral),
        "id personId reference referralType panel status meetingDate person reason offenceTypes drivers riskOfSeriousHarm mappaLevel "
        + "maracCase assetScore ogrsScore statutory emergency referrer referringAgency submittedBy submittedAt decidedBy matchKeys history "
        + "withdrawalReason withdrawalNote")]
    [InlineData(typeof(ExportedListing), "referralId personId reference panel status meetingDate emergency referringAgency submittedAt")]
    [InlineData(typeof(ExportedIdentityClaim), "key personId referralId claimedAt")]
    [InlineData(typeof(Iom.Application.Panels.Actions.PanelActionView),
        "id panel meetingId description ownerMemberId dueDate personId status overdue createdAt completedAt completedBy")]
    [InlineData(typeof(Iom.Application.Panels.Actions.PanelActionPage), "items next")]
    [InlineData(typeof(Iom.Application.Releases.Alerts.ReleaseAlertView),
        "id reference kind releaseDate daysBefore forHealth raisedAt leadAcknowledgementDue escalatedAt acknowledgedByYou recipients")]
    [InlineData(typeof(Iom.Application.Releases.Alerts.ReleaseAlertRecipientView), "key role agency forHealth acknowledged acknowledgedAt")]
    [InlineData(typeof(Iom.Application.Cohort.Lookup.CohortLookupAnswer), "inCohort category cohortType leadAgency contact")]
    [InlineData(typeof(Iom.Application.Cohort.Lookup.CohortContact), "agency email")]
    [InlineData(typeof(Iom.Application.Panels.Meetings.MeetingView), "id panel date startTime location status movedFrom sequence cancellationReason")]
    [InlineData(typeof(Iom.Application.Panels.Meetings.MeetingList), "items next")]
    [InlineData(typeof(Iom.Application.Panels.Meetings.CreatedMeeting), "id date startTime location status alreadyExisted fallsOnBankHoliday")]
    [InlineData(typeof(Iom.Application.Panels.Membership.PanelMembersView), "panel day effectiveFrom chairOrganisation members changes")]
    [InlineData(typeof(Iom.Application.Panels.Membership.PanelMembersView.MemberView), "memberId name organisation post email attendance seat seniorRepresentative")]
    [InlineData(typeof(Iom.Application.Panels.Membership.PanelMembersView.ChangeView), "change memberId changedBy changedAt")]
    [InlineData(typeof(Iom.Application.Mail.MailEventsReceipt), "received recorded ignored")]
    [InlineData(typeof(Iom.Application.Releases.Intake.ReleaseNotificationAccepted), "id")]
    [InlineData(typeof(Iom.Application.Releases.National.PrisonEventAccepted), "outcome id")]
    [InlineData(typeof(Iom.Application.Wards.Mapping.WardMappingReport), "dryRun scanned withoutWard alreadyCoded mapped changedMeanwhile unmapped")]
    [InlineData(typeof(Iom.Application.Wards.Mapping.UnmappedWard), "value referrals")]
    [InlineData(typeof(Iom.Application.Wards.List.WardListView), "wards")]
    [InlineData(typeof(Iom.Application.Wards.List.WardListView.WardItem), "code name retired")]
    [InlineData(typeof(MinutesView),
        "meetingId panel meetingDate version status attendance apologies decisions actions amendment ruling savedBy savedAt finalisedAt")]
    [InlineData(typeof(MinutesView.AttendeeView), "memberId delegateFor name organisation email")]
    [InlineData(typeof(MinutesView.DecisionView),
        "referralId personId outcome votesFor votesAgainst castingVote leadProfessional category cohortType strands reasonCode notes")]
    [InlineData(typeof(MinutesView.LeadProfessionalView), "name agency email oid")]
    [InlineData(typeof(MinutesView.ActionView), "description ownerMemberId dueDate personId")]
    [InlineData(typeof(MinutesView.AmendmentView), "amends summary changed")]
    [InlineData(typeof(MinutesView.RulingView), "quorate organisations actingChairMemberId")]
    [InlineData(typeof(Iom.Application.Panels.Circulations.MeetingCirculations), "meetingId agendaDue agendaLate minutesDue minutesLate circulations")]
    [InlineData(typeof(Iom.Application.Panels.Circulations.CirculationView), "id kind issue due circulatedAt onTime cancelled held recipients")]
    [InlineData(typeof(Iom.Application.Panels.Circulations.CirculationRecipientView), "email name role state reference resends")]
    [InlineData(typeof(Iom.Application.Releases.Matching.ReleaseMatchView), "id notificationId state ground decidedAt personId")]
    [InlineData(typeof(Iom.Application.Releases.Matching.UnmatchedReleasePage), "items next")]
    [InlineData(typeof(Iom.Application.Releases.Matching.UnmatchedReleaseSummary),
        "matchId notificationId receivedAt prisonCode prisonNumber reason releaseDate state ground candidates")]
    [InlineData(typeof(Iom.Application.Offending.OffendingUploadReport), "applied received accepted unchanged unknownPerson rejected errors errorsTruncated")]
    [InlineData(typeof(Iom.Application.Offending.OffendingRowProblem), "row field code message")]
    [InlineData(typeof(Iom.Application.Performance.Rollups.RollupView), "period definitionsVersion watermark final tables")]
    [InlineData(typeof(Iom.Application.Performance.Rollups.RollupWatermarkView), "asOf position")]
    [InlineData(typeof(Iom.Application.Performance.Rollups.MeasureTableView), "measure breakdown unit cells")]
    [InlineData(typeof(Iom.Application.Performance.Rollups.MeasureCellView), "key value provisional")]
    public void A_response_record_serialises_with_exactly_its_declared_json_names(Type type, string names)
    {
        var info = ApiJson.Options.GetTypeInfo(type);

        info.Kind.ShouldBe(JsonTypeInfoKind.Object);
        info.Properties.Select(p => p.Name).ShouldBe(names.Split(' '));
    }

    /// <summary>The app's own non-enum types reachable from <paramref name="roots"/> through public properties, collections included.</summary>
    private static HashSet<Type> Reachable(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
                continue;
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }

            if (!App.Contains(type.Assembly) || type.IsEnum || !seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            }
        }

        return seen;
    }
}
