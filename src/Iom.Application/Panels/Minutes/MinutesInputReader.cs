using System.Globalization;
using System.Text.RegularExpressions;
using Iom.Application.Cohort;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// Reads the minutes' content from a request, checking every field against the roster of the meeting's day and the
/// store (each referral listed for this meeting, each de-selected person in the cohort); every problem is a 400 keyed
/// by its field's path, all at once.
/// </summary>
public sealed partial class MinutesInputReader(IDocumentStore documents)
{
    public const int MaxAttendees = 100;
    public const int MaxDecisions = 100;
    public const int MaxActions = 200;
    public const int MaxText = 200;
    public const int MaxNotes = 2000;
    public const int MaxDescription = 1000;
    public const int MaxSummary = 1000;

    /// <param name="amended">The final content an amendment starts from: its decisions' referrals have moved on already.</param>
    public async Task<MinutesContent> ReadAsync(
        SaveMinutesRequest request, Meeting meeting, PanelRoster roster, MinutesContent? amended, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(roster);
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors.TryAdd(field, [message]);

        if (request.ChangeSummary is { Length: > MaxSummary })
        {
            Error("changeSummary", $"The change summary must be {MaxSummary} characters or fewer");
        }

        var attendance = ReadAttendance(request.Attendance ?? [], roster, Error);
        var apologies = new List<string>();
        foreach (var (memberId, i) in (request.Apologies ?? []).Select((m, i) => (m, i)))
        {
            if (roster.Find(memberId ?? "") is not { } member)
            {
                Error($"apologies[{i}]", "This is not a member of the panel on the meeting's day");
            }
            else if (attendance.Any(a => Same(a.MemberId, member.MemberId)) || apologies.Any(a => Same(a, member.MemberId)))
            {
                Error($"apologies[{i}]", "This member is present or listed already");
            }
            else
            {
                apologies.Add(member.MemberId);
            }
        }

        if (request.Decisions is { Count: > MaxDecisions })
        {
            Error("decisions", $"At most {MaxDecisions} decisions a meeting");
        }

        // Every referral and membership named, read at once: one round trip whatever the number of decisions.
        var inputs = (request.Decisions ?? []).Take(MaxDecisions).ToList();
        var referralIds = inputs.Select(d => d?.ReferralId).OfType<string>().Where(id => IdPattern().IsMatch(id)).Distinct().ToList();
        var personIds = inputs.Where(d => d?.ReferralId is null).Select(d => d?.PersonId).OfType<string>().Where(id => IdPattern().IsMatch(id)).Distinct().ToList();
        var referralsRead = Task.WhenAll(referralIds.Select(id => documents.FindAsync(id, cancellationToken)));
        var membershipsRead = Task.WhenAll(personIds.Select(id => documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(id), cancellationToken)));
        var found = new Found(
            referralIds.Zip(await referralsRead).ToDictionary(p => p.First, p => p.Second?.Value),
            personIds.Zip(await membershipsRead).ToDictionary(p => p.First, p => p.Second?.Value));

        var decisions = new List<MinutesDecision>();
        foreach (var (input, i) in inputs.Select((d, i) => (d, i)))
        {
            if (ReadDecision(input, $"decisions[{i}]", meeting, amended, found, Error) is { } decision)
            {
                if (decisions.Any(d => d.PersonId == decision.PersonId))
                {
                    Error($"decisions[{i}]", "The minutes already record a decision about this person");
                }

                decisions.Add(decision);
            }
        }

        if (request.Actions is { Count: > MaxActions })
        {
            Error("actions", $"At most {MaxActions} actions a meeting");
        }

        var actions = new List<MinutesAction>();
        foreach (var (input, i) in (request.Actions ?? []).Take(MaxActions).Select((a, i) => (a, i)))
        {
            var field = $"actions[{i}]";
            if (input is null)
            {
                Error(field, "Enter the action");
                continue;
            }

            var description = Text(input.Description, $"{field}.description", "Describe the action", MaxDescription, Error);
            var owner = roster.Find(input.OwnerMemberId ?? "");
            if (owner is null)
            {
                Error($"{field}.ownerMemberId", "The owner must be a member of the panel");
            }

            DateOnly due = default;
            if (!DateOnly.TryParseExact(input.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out due))
            {
                Error($"{field}.dueDate", "The due date must be a real date, written YYYY-MM-DD");
            }
            else if (due < today && !(amended?.Actions.Any(a => a.DueDate == due) ?? false))
            {
                Error($"{field}.dueDate", "The due date must be today or later");
            }

            var personId = string.IsNullOrEmpty(input.PersonId) ? null : input.PersonId;
            if (personId is not null && !decisions.Any(d => d.PersonId == personId) && !(request.Decisions ?? []).Any(d => d?.PersonId == personId))
            {
                Error($"{field}.personId", "An action can be about a person only if the minutes record a decision about them");
            }

            if (description is not null && owner is not null)
            {
                actions.Add(new MinutesAction(description, owner.MemberId, due, personId));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new MinutesContent(attendance, apologies, decisions, actions);
    }

    private static List<MinutesAttendee> ReadAttendance(IReadOnlyList<AttendeeInput> inputs, PanelRoster roster, Action<string, string> error)
    {
        var attendance = new List<MinutesAttendee>();
        if (inputs.Count > MaxAttendees)
        {
            error("attendance", $"At most {MaxAttendees} people");
            return attendance;
        }

        foreach (var (input, i) in inputs.Select((a, i) => (a, i)))
        {
            var field = $"attendance[{i}]";
            if (input is null || (input.MemberId is null) == (input.DelegateFor is null))
            {
                error(field, "Give either the member's id, or the member a delegate stands in for with the delegate's name, organisation and email");
                continue;
            }

            var memberId = input.MemberId ?? input.DelegateFor!;
            var member = roster.Find(memberId);
            if (member is null)
            {
                error(input.MemberId is null ? $"{field}.delegateFor" : $"{field}.memberId", "This is not a member of the panel on the meeting's day");
                continue;
            }

            if (attendance.Any(a => Same(a.MemberId ?? a.DelegateFor, member.MemberId)))
            {
                error(field, "This member is present already, in person or by a delegate");
                continue;
            }

            if (input.MemberId is not null)
            {
                attendance.Add(MinutesAttendee.Member(member.MemberId));
                continue;
            }

            var name = Text(input.Name, $"{field}.name", "Enter the delegate's name", MaxText, error);
            var organisation = Text(input.Organisation, $"{field}.organisation", "Enter the delegate's organisation", MaxText, error);
            var email = Email(input.Email, $"{field}.email", error);
            if (name is not null && organisation is not null && email is not null)
            {
                attendance.Add(MinutesAttendee.Delegate(member.MemberId, name, organisation, email));
            }
        }

        return attendance;
    }

    private sealed record Found(IReadOnlyDictionary<string, Referral?> Referrals, IReadOnlyDictionary<string, CohortMembership?> Memberships);

    private static MinutesDecision? ReadDecision(
        DecisionInput? input, string field, Meeting meeting, MinutesContent? amended, Found found, Action<string, string> error)
    {
        if (input is null)
        {
            error(field, "Enter the decision");
            return null;
        }

        var valid = true;
        void Fail(string at, string message)
        {
            valid = false;
            error(at, message);
        }

        if (!WireNames.TryParse<DecisionOutcome>(input.Outcome, out var outcome))
        {
            Fail($"{field}.outcome", $"The outcome must be one of {string.Join(", ", WireNames.All<DecisionOutcome>())}");
        }

        var votesFor = input.VotesFor ?? 0;
        var votesAgainst = input.VotesAgainst ?? 0;
        if (votesFor is < 0 or > MaxAttendees)
        {
            Fail($"{field}.votesFor", $"Votes for must be a whole number from 0 to {MaxAttendees}");
        }

        if (votesAgainst is < 0 or > MaxAttendees)
        {
            Fail($"{field}.votesAgainst", $"Votes against must be a whole number from 0 to {MaxAttendees}");
        }

        CastingVote? casting = null;
        if (input.CastingVote is not null)
        {
            if (WireNames.TryParse<CastingVote>(input.CastingVote, out var c))
            {
                casting = c;
            }
            else
            {
                Fail($"{field}.castingVote", $"The casting vote must be one of {string.Join(", ", WireNames.All<CastingVote>())}");
            }
        }

        var reasonCode = input.ReasonCode is { } code && ReasonCodePattern().IsMatch(code) ? code : null;
        if (reasonCode is null)
        {
            Fail($"{field}.reasonCode", "Enter a reason code: lower-case letters, digits and hyphens, at most 50");
        }

        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes is { Length: > MaxNotes })
        {
            Fail($"{field}.notes", $"The notes must be {MaxNotes} characters or fewer");
        }

        var strands = new List<string>();
        foreach (var (strand, i) in (input.Strands ?? []).Select((s, i) => (s, i)))
        {
            if (!CohortStrands.All.Contains(strand) || strands.Contains(strand))
            {
                Fail($"{field}.strands[{i}]", $"Each strand once, one of {string.Join(", ", CohortStrands.All)}");
            }
            else
            {
                strands.Add(strand);
            }
        }

        LeadProfessional? lead = null;
        CohortCategory? category = null;
        CohortType? cohortType = null;
        if (outcome == DecisionOutcome.Selected && valid)
        {
            lead = ReadLead(input.LeadProfessional, $"{field}.leadProfessional", Fail);
            if (WireNames.TryParse<CohortCategory>(input.Category, out var cat))
            {
                category = cat;
            }
            else
            {
                Fail($"{field}.category", $"A selection needs the category: one of {string.Join(", ", WireNames.All<CohortCategory>())}");
            }

            if (WireNames.TryParse<CohortType>(input.CohortType, out var type))
            {
                cohortType = type;
            }
            else
            {
                Fail($"{field}.cohortType", $"A selection needs the cohort type: one of {string.Join(", ", WireNames.All<CohortType>())}");
            }
        }

        var personId = ReadSubject(input, field, outcome, meeting, amended, found, Fail);
        return valid && personId is not null
            ? new MinutesDecision(input.ReferralId, personId, outcome, votesFor, votesAgainst, casting, lead, category, cohortType, strands, reasonCode!, notes)
            : null;
    }

    // Whom the decision is about: a referral listed for this meeting, or for a de-selection a person in the cohort.
    private static string? ReadSubject(
        DecisionInput input, string field, DecisionOutcome outcome, Meeting meeting, MinutesContent? amended, Found found, Action<string, string> fail)
    {
        var previously = amended?.Decisions.FirstOrDefault(d => d.ReferralId is not null ? d.ReferralId == input.ReferralId : d.PersonId == input.PersonId);
        if (outcome == DecisionOutcome.Deselected)
        {
            if (input.ReferralId is not null || input.PersonId is null || !IdPattern().IsMatch(input.PersonId))
            {
                fail($"{field}.personId", "A de-selection names the person (their id), not a referral");
                return null;
            }

            if (previously is not null)
            {
                return previously.PersonId;
            }

            if (found.Memberships.GetValueOrDefault(input.PersonId)?.Current is not { } current || current.Panel != meeting.Panel)
            {
                fail($"{field}.personId", "This person is not in this panel's cohort");
                return null;
            }

            return input.PersonId;
        }

        if (input.PersonId is not null || input.ReferralId is null || !IdPattern().IsMatch(input.ReferralId))
        {
            fail($"{field}.referralId", "A decision on a referral names the referral (its id)");
            return null;
        }

        if (previously is not null)
        {
            return previously.PersonId;
        }

        var referral = found.Referrals.GetValueOrDefault(input.ReferralId);
        if (referral is null || referral.Panel != meeting.Panel || referral.Status != ReferralStatus.Listed || referral.MeetingDate != meeting.Date)
        {
            fail($"{field}.referralId", "This referral is not listed for this meeting");
            return null;
        }

        return referral.PersonId;
    }

    private static LeadProfessional? ReadLead(LeadProfessionalInput? input, string field, Action<string, string> fail)
    {
        if (input is null)
        {
            fail(field, "A selection needs the lead professional");
            return null;
        }

        var name = Text(input.Name, $"{field}.name", "Enter the lead professional's name", MaxText, fail);
        var agency = Text(input.Agency, $"{field}.agency", "Enter the lead professional's agency", MaxText, fail);
        var email = Email(input.Email, $"{field}.email", fail);
        string? oid = null;
        if (input.Oid is not null)
        {
            if (Guid.TryParseExact(input.Oid, "D", out var guid))
            {
                oid = guid.ToString("D");
            }
            else
            {
                fail($"{field}.oid", "The object id must be a GUID like 00000000-0000-0000-0000-000000000000");
            }
        }

        return name is null || agency is null || email is null ? null : new LeadProfessional(name, agency, email, oid);
    }

    private static string? Text(string? value, string field, string message, int max, Action<string, string> error)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            error(field, $"{message} ({max} characters or fewer)");
            return null;
        }

        return trimmed;
    }

    // A plain ASCII address, as every mail adapter requires.
    private static string? Email(string? value, string field, Action<string, string> error)
    {
        if (value is null || value.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(value, out var address) || address.Address != value
            || !value.Contains('.', StringComparison.Ordinal) || !Ports.Mail.MailAddress.IsPlain(value))
        {
            error(field, "Enter an email address in the correct format, like name@example.gov.uk");
            return null;
        }

        return value;
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex ReasonCodePattern();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}
