namespace Iom.Application.Releases;

/// <summary>What the sender is told: the notification's id (202 <c>{id}</c>), the same whenever the same event is sent again.</summary>
/// <param name="Recorded">True when this call recorded it; false when it had been recorded before (no new work).</param>
public sealed record ReleaseReceipt(string Id, bool Recorded);
