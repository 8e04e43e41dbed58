using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>
/// Why a person left (or is to leave) a prison, as national prison events name it. Only <see cref="Released"/> and
/// <see cref="ReleasedToHospital"/> end custody; the others must never raise a release alert as if the person were free.
/// </summary>
public enum ReleaseReason
{
    [WireName("RELEASED")] Released,
    [WireName("RELEASED_TO_HOSPITAL")] ReleasedToHospital,
    [WireName("TRANSFERRED")] Transferred,
    [WireName("TEMPORARY_ABSENCE_RELEASE")] TemporaryAbsenceRelease,
    [WireName("SENT_TO_COURT")] SentToCourt,
}
