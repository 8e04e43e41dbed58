using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;

namespace Iom.Application.People;

/// <summary>
/// Finds the person ids held for an identifier or a referral reference: point reads of the identifier index and the
/// reference reservations, never a scan. Only a role that reaches every person may search (an auditor), and each person
/// found has the look-up recorded in their audit log as a consultation, with the purpose.
/// </summary>
public sealed class FindPeople(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Data protection: finding the people held under an identifier (subject access or audit)";

    public async Task<FoundPeople> HandleAsync(PeopleQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var (matchKeys, reference) = Parse(query, LondonTime.LondonDate(now));
        // Searching the index is a question about every person at once.
        actor.ReachEvery<PersonRef>(ExportPerson.NotFound);

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in matchKeys)
        {
            var id = PersonMatchKeys.ToDocumentId(key);
            if (await documents.ReadAsync<IdentityClaim>(new DocumentKey(Containers.Identities, id, id), cancellationToken) is { } claim)
            {
                found.Add(claim.Value.PersonId);
            }
        }

        if (reference is not null && await documents.ReadAsync<ReferralLocator>(IdentityClaims.ReferenceKeyOf(reference), cancellationToken) is { } locator)
        {
            found.Add(locator.Value.PersonId);
        }

        foreach (var personId in found)
        {
            await audit.CommitAsync(actor.Entry(personId, AuditOperation.Consultation, "people-lookup", now), [], cancellationToken);
        }

        return new FoundPeople([.. found]);
    }

    private static (List<string> MatchKeys, string? Reference) Parse(PeopleQuery query, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var keys = new List<string>();
        void Add(string field, string? text, Func<string, (string? Key, string Error)> parse)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var (key, error) = parse(text);
            if (key is null)
            {
                errors[field] = [error];
            }
            else
            {
                keys.Add(key);
            }
        }

        Add("pnc", query.Pnc, t => PncId.TryParse(t, today, out var v, out var e) ? (PersonMatchKeys.OfPnc(v), e) : (null, e));
        Add("cro", query.Cro, t => CroNumber.TryParse(t, out var v, out var e) ? (PersonMatchKeys.OfCro(v), e) : (null, e));
        Add("noms", query.Noms, t => PrisonNumber.TryParse(t, out var v, out var e) ? (PersonMatchKeys.OfNoms(v), e) : (null, e));
        Add("crn", query.Crn, t => CaseReferenceNumber.TryParse(t, out var v, out var e) ? (PersonMatchKeys.OfCrn(v), e) : (null, e));

        var reference = string.IsNullOrWhiteSpace(query.Reference) ? null : query.Reference.Trim().ToUpperInvariant();
        if (reference is not null && !ReferenceFormat.IsWellFormed(reference))
        {
            errors["reference"] = ["Give a referral reference like IOM-261214-7KQ2"];
        }

        if (errors.Count == 0 && keys.Count == 0 && reference is null)
        {
            errors["pnc"] = ["Give at least one of pnc, cro, noms, crn or reference"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return (keys, reference);
    }
}
