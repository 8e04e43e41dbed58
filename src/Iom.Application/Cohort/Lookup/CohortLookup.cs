using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;

namespace Iom.Application.Cohort.Lookup;

/// <summary>
/// "Is this person in the IOM cohort?" for duty prosecutors at the point of charging advice (Leeds recommendation 3).
/// The identifier is validated and canonicalised as at intake (PNC check letter, CRO, NOMS), mapped to a person by a
/// point read of the identifier index, and answered from the person's dated membership on the day asked. A person not
/// known and a person not in the cohort get the same answer, so the look-up cannot probe who is known. Every call is
/// audited with its purpose before it is answered: a Consultation in the person's log when the identifier names a
/// person, otherwise in the operations chain (without the identifier, which would be personal data of someone the
/// partnership does not hold).
/// </summary>
public sealed class CohortLookup(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Prosecution: whether a suspect is an IOM cohort member, at the point of charging advice";

    public const string Subject = "cohort-lookup";

    public async Task<CohortLookupAnswer> HandleAsync(CohortLookupQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);
        var key = MatchKeyOf(query, today);
        // Asking about anyone at all is what the role is for.
        actor.ReachEvery<PersonRef>(() => new RefusalException(RefusalKind.NotFound, "not-found", "Not found."));

        var id = PersonMatchKeys.ToDocumentId(key);
        var claim = await documents.ReadAsync<IdentityClaim>(new DocumentKey(Containers.Identities, id, id), cancellationToken);
        if (claim is null)
        {
            await audit.CommitAsync(actor.Entry(AuditTrail.OperationsChain, AuditOperation.Consultation, Subject + "/no-match", now), [], cancellationToken);
            return CohortLookupAnswer.NotInCohort;
        }

        var personId = claim.Value.PersonId;
        var membership = await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(personId), cancellationToken);
        await audit.CommitAsync(actor.Entry(personId, AuditOperation.Consultation, Subject, now), [], cancellationToken);
        return CohortLookupAnswer.Of(membership?.Value.On(query.On ?? today));
    }

    private static string MatchKeyOf(CohortLookupQuery query, DateOnly today)
    {
        var given = new[] { ("pnc", query.Pnc), ("cro", query.Cro), ("noms", query.Noms) }
            .Where(g => !string.IsNullOrWhiteSpace(g.Item2)).ToList();
        if (given.Count != 1)
        {
            throw ValidationFailedException.For(given.Count == 0 ? "pnc" : given[1].Item1, "Give exactly one of pnc, cro or noms");
        }

        var (field, text) = given[0];
        string? key = null;
        var error = "";
        switch (field)
        {
            case "pnc" when PncId.TryParse(text, today, out var pnc, out error):
                key = PersonMatchKeys.OfPnc(pnc);
                break;
            case "cro" when CroNumber.TryParse(text, out var cro, out error):
                key = PersonMatchKeys.OfCro(cro);
                break;
            case "noms" when PrisonNumber.TryParse(text, out var noms, out error):
                key = PersonMatchKeys.OfNoms(noms);
                break;
        }

        return key ?? throw ValidationFailedException.For(field, error);
    }
}
