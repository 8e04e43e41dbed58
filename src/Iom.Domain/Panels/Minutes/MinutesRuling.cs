namespace Iom.Domain.Panels.Minutes;

/// <summary>How the rules judged the meeting when it was finalised.</summary>
/// <param name="Organisations">The distinct organisations represented (a delegate's counted as the member's).</param>
/// <param name="ActingChairMemberId">The member who chaired: the chair, else the vice-chair, else a senior police or council representative present.</param>
public sealed record MinutesRuling(bool Quorate, IReadOnlyList<string> Organisations, string? ActingChairMemberId);
