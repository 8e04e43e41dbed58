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
    [QueryParameter("from", "Records from this instant (ISO 8601).", Format = "date-time")]
    [QueryParameter("to", "Records up to this instant (ISO 8601).", Format = "date-time")]
    [Responds(StatusCodes.Status200OK, typeof(AuditLog))]
    [AllowRoles(Roles.Auditor, Purpose = "Data protection: reading the audit log", Objects = typeof(PersonAccess))]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request, CancellationToken cancellationToken)
    {
        var person = PersonIdOf(request.Query["person"], "person");
        var log = await readLog.HandleAsync(new AuditLogQuery(person, Instant(request.Query["from"], "from"), Instant(request.Query["to"], "to")), request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, log);
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

    // Person ids are 32 lower-case hex digits.
    private static string PersonIdOf(string? text, string field) =>
        text is { Length: 32 } && text.All(char.IsAsciiHexDigitLower)
            ? text
            : throw ValidationFailedException.For(field, "Give a person id: 32 lower-case hexadecimal characters");

    private static DateTimeOffset? Instant(string? text, string field) =>
        string.IsNullOrEmpty(text) ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw ValidationFailedException.For(field, "Give an ISO 8601 date or date and time, like 2026-12-14T09:00:00Z");
}
