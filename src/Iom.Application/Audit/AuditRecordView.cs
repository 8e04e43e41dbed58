namespace Iom.Application.Audit;

/// <summary>One audit record as the API shows it, hashes included so an auditor can check the chain themselves.</summary>
public sealed record AuditRecordView(
    string Id,
    string PersonId,
    long Sequence,
    AuditOperation Operation,
    string Subject,
    AuditRecordView.ActorView Actor,
    string Purpose,
    DateTimeOffset At,
    string CorrelationId,
    IReadOnlyList<string>? Recipients,
    string PreviousHash,
    string Hash,
    string? StatedPurpose,
    string? DisclosureId,
    int? DisclosurePeople)
{
    public static AuditRecordView Of(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditRecordView(record.Id, record.PersonId, record.Sequence, record.Operation, record.Subject,
            new ActorView(record.Actor.UserId, record.Actor.Agency, [.. record.Actor.Roles]), record.Purpose, record.At, record.CorrelationId,
            record.Recipients is null ? null : [.. record.Recipients], record.PreviousHash, record.Hash, record.StatedPurpose,
            record.DisclosureId, record.DisclosurePeople);
    }

    public sealed record ActorView(string UserId, string? Agency, IReadOnlyList<string> Roles);
}
