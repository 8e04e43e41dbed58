using Iom.Application.Api;

namespace Iom.Application.Mail;

/// <summary>The answer to a batch of delivery events: how many there were, how many changed a recipient's state, how many were left aside.</summary>
/// <param name="Ignored">Events of a kind not tracked (opens, clicks), without a mail id, or about e-mails this app did not send.</param>
public sealed record MailEventsReceipt(int Received, int Recorded, int Ignored) : IApiResponse;
