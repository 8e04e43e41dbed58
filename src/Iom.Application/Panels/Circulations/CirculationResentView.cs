using Iom.Application.Api;

namespace Iom.Application.Panels.Circulations;

/// <summary>What a resend queued: the circulation and how many e-mails went to the address again.</summary>
public sealed record CirculationResentView(string CirculationId, string Recipient, int Queued) : IApiResponse;
