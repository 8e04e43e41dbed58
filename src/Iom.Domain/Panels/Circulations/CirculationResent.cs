namespace Iom.Domain.Panels.Circulations;

/// <summary>The outcome of <see cref="Circulation.Resend"/>: the circulation to store and the recipients resent to, each carrying its new mail id (<see cref="CirculationRecipient.LatestMailId"/>).</summary>
public sealed record CirculationResent(Circulation Circulation, IReadOnlyList<CirculationRecipient> Resent);
