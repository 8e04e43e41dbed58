namespace Iom.Application.Releases;

/// <summary>
/// A release notification as a prison's system sends it (<c>POST /api/prison-releases</c>) and as the prison link's
/// form fills it: every field a string as received, checked by <see cref="ReleaseReportValidator"/> and made a
/// <see cref="Domain.Releases.ReleaseReport"/> by <see cref="ReleaseReportValidator.ToReport"/>.
/// </summary>
public sealed record ReleaseReportRequest
{
    public string? EventId { get; init; }
    public string? PrisonCode { get; init; }
    public string? PrisonNumber { get; init; }
    public string? PncId { get; init; }
    public string? CroNumber { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }

    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>One of RELEASED, RELEASED_TO_HOSPITAL, TRANSFERRED, TEMPORARY_ABSENCE_RELEASE, SENT_TO_COURT.</summary>
    public string? Reason { get; init; }

    /// <summary><c>YYYY-MM-DD</c>: in the future, expected; today or earlier, happened.</summary>
    public string? ReleaseDate { get; init; }

    /// <summary>ISO 8601 with an offset, e.g. <c>2026-12-14T08:30:00+00:00</c>.</summary>
    public string? OccurredAt { get; init; }

    public ReleaseAddressInput? ReleaseAddress { get; init; }
    public string? Notes { get; init; }
}
