using System.Globalization;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.People;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Audit;

/// <summary>
/// The Data Protection Act audit log and subject export, for auditors only. Each is itself audited: reading or verifying
/// a person's log is a Consultation in their chain, an export a Disclosure, and a verification of every chain a
/// Consultation in the operations chain (<see cref="AuditTrail.OperationsChain"/>), each written before the answer.
/// </summary>
public sealed class AuditFunctions(ReadAuditLog readLog, AuditTrail trail, VerifyAuditChains verifyAll, ExportPerson export, FindPeople findPeople, TimeProvider time)
{
    [Function("ReadAuditLog")]
    [QueryParameter("person", "The person id: 32 lower-case hexadecimal characters.", Required = true)]
    [QueryParameter("pageSize", "Records a page, from 1 to 200 (default 50).", Format = "int32")]
    [QueryParameter("continuation", "Where the page before ended: follow the next link rather than building it.")]
    [QueryParameter("through", "The last sequence number to read (the next link carries where the log stood at its first page).", Format = "int64")]
    [Responds(StatusCodes.Status200OK, typeof(AuditLog), Description = "A page of the person's audit records in sequence order, hashes included; follow next (absent on the last page). "
        + "Whether the chain is intact is GET /api/audit/verify?person='s answer, not this one's.")]
    [AllowRoles(Roles.Auditor, Purpose = "Data protection: reading the audit log", Objects = typeof(PersonAccess))]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = ParseLogQuery(request.Query);
        var page = await readLog.HandleAsync(query, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, AuditLog.Of(page, next => NextLink(query, next)));
    }

    [Function("VerifyAuditLog")]
    [QueryParameter("person", "The person id whose chain to verify; without it, every chain.")]
    [Responds(StatusCodes.Status200OK, typeof(ChainVerification), Description = "The person's chain (with person), or every chain's counts and the broken ones (without).")]
    [Responds(StatusCodes.Status200OK, typeof(AuditChainsReport))]
    [AllowRoles(Roles.Auditor, Purpose = "Data protection: verifying the audit log", Objects = typeof(PersonAccess))]
    public async Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit/verify")] HttpRequest request, CancellationToken cancellationToken)
    {
        var actor = request.HttpContext.ActingAs();
        // Without a person: every chain in the store, as the verification command and the daily check do.
        if (!request.Query.ContainsKey("person"))
        {
            actor.ReachEvery<PersonRef>(ExportPerson.NotFound);
            // It names every broken chain's person: who asked is recorded, in a chain of its own since it is no one person's.
            await trail.CommitAsync(actor.Entry(AuditTrail.OperationsChain, AuditOperation.Consultation, "audit/verify", time.GetUtcNow()), [], cancellationToken);
            return new JsonResponse(StatusCodes.Status200OK, await verifyAll.HandleAsync(cancellationToken));
        }

        var person = actor.Reach(new PersonRef(PersonIdOf(request.Query["person"], "person")), ExportPerson.NotFound);
        await trail.CommitConsultationAsync(actor, person.Id, $"audit/{person.Id}/verify", time.GetUtcNow(), cancellationToken);
        var verification = await trail.VerifyAsync(person.Id, cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, verification);
    }

    [Function("ExportPerson")]
    [Responds(StatusCodes.Status200OK, typeof(PersonExport))]
    [AllowRoles(Roles.Auditor, Purpose = ExportPerson.Purpose, Objects = typeof(PersonAccess))]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "people/{id:" + RouteIds.DocumentId + "}/export")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var person = PersonIdOf(id, "id");
        var exported = await export.HandleAsync(person, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, exported);
    }

    /// <summary>A subject-access request starts from what the requester knows: the person ids held under it.</summary>
    [Function("FindPeople")]
    [QueryParameter("pnc", "A PNC id.")]
    [QueryParameter("cro", "A CRO number.")]
    [QueryParameter("noms", "A prison (NOMS) number.")]
    [QueryParameter("crn", "A probation case reference number.")]
    [QueryParameter("reference", "A referral's reference.")]
    [Responds(StatusCodes.Status200OK, typeof(FoundPeople))]
    [AllowRoles(Roles.Auditor, Purpose = FindPeople.Purpose, Objects = typeof(PersonAccess))]
    public async Task<IActionResult> Find(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "people")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = new PeopleQuery(request.Query["pnc"], request.Query["cro"], request.Query["noms"], request.Query["crn"], request.Query["reference"]);
        return new JsonResponse(StatusCodes.Status200OK, await findPeople.HandleAsync(query, request.HttpContext.ActingAs(), cancellationToken));
    }

    private const string PersonIdProblem = "Give a person id: 32 lower-case hexadecimal characters";

    // Person ids are 32 lower-case hex digits.
    private static bool IsPersonId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text) =>
        text is { Length: 32 } && text.All(char.IsAsciiHexDigitLower);

    private static string PersonIdOf(string? text, string field) =>
        IsPersonId(text) ? text : throw ValidationFailedException.For(field, PersonIdProblem);

    private static readonly string[] RemovedFilters = ["from", "to"];

    private static AuditLogQuery ParseLogQuery(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        string? person = query["person"];
        if (!IsPersonId(person))
        {
            errors["person"] = [PersonIdProblem];
        }

        // The log is read in sequence order, which a time window cannot narrow through an index (docs/architecture.md):
        // refused rather than ignored, so nobody takes a whole log for the window they asked for.
        foreach (var removed in RemovedFilters.Where(query.ContainsKey))
        {
            errors[removed] = ["The audit log is no longer narrowed by time: page through it in sequence order (each record has its at)"];
        }

        var pageSize = PageParameters.PageSize(query, ReadAuditLog.DefaultPageSize, ReadAuditLog.MaxPageSize, errors);
        var continuation = PageParameters.Continuation(query, errors);
        long? through = null;
        if (query.ContainsKey("through"))
        {
            if (long.TryParse(query["through"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last >= 1)
            {
                through = last;
            }
            else
            {
                errors["through"] = ["The through must be a sequence number: a whole number from 1"];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new AuditLogQuery(person!, pageSize, continuation, through);
    }

    // The same person, page size and end, and the token; the token is URL-safe already (base64url).
    private static string NextLink(AuditLogQuery query, AuditLogPage page)
    {
        var link = new System.Text.StringBuilder("/api/audit?person=").Append(page.PersonId)
            .Append("&pageSize=").Append(query.PageSize.ToString(CultureInfo.InvariantCulture));
        if (page.Through is { } through)
        {
            link.Append("&through=").Append(through.ToString(CultureInfo.InvariantCulture));
        }

        return link.Append("&continuation=").Append(Uri.EscapeDataString(page.Continuation!)).ToString();
    }
}
