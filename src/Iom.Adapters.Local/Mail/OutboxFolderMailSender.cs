using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Local.Mail;

/// <summary>
/// Local stand-in for a mail provider: each message becomes one <c>.eml</c> file that any mail client opens. A second
/// message with the same idempotency key writes nothing, as a provider guarded by the key would send nothing.
/// </summary>
public sealed class OutboxFolderMailSender(IOptions<OutboxOptions> options, TimeProvider timeProvider) : IMailSender
{
    private readonly OutboxOptions settings = options.Value;
    private readonly IdempotentFolder folder = new(options.Value.Directory, ".eml", timeProvider);

    /// <summary>The full path of the folder written to.</summary>
    public string Directory => folder.Directory;

    public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfZero(message.To.Count, nameof(message));
        var from = new MailAddress(settings.FromEmail, settings.FromName);
        return folder.WriteOnceAsync(
            message.IdempotencyKey,
            (now, hash) => EmlFormat.Write(message, from, now, $"{hash}@{settings.FromEmail.Split('@')[1]}"),
            cancellationToken);
    }
}
