namespace Iom.Application.Panels.Circulations;

/// <summary>The body of <c>POST /api/circulations/{id}/resend</c>.</summary>
/// <param name="Recipient">An address on that circulation.</param>
public sealed record ResendCirculationRequest(string? Recipient);
