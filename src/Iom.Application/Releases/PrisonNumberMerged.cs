namespace Iom.Application.Releases;

/// <summary>
/// HMPPS merged two prison records: <see cref="OldNumber"/> is now <see cref="NewNumber"/> (the national event
/// <c>prison-offender-events.prisoner.merged</c>). Queued on <see cref="ReleaseQueues.Merges"/> by the national door;
/// matching follows it so a notification under either number finds the same person. Idempotent: the same merge again
/// changes nothing.
/// </summary>
public sealed record PrisonNumberMerged(string OldNumber, string NewNumber, DateTimeOffset OccurredAt);
