using System.Net;
using Iom.Application.Ports.Mail;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Iom.Adapters.SendGrid;

/// <summary>
/// Sends through SendGrid's v3 mail API. A retry never sends twice: only answers that say the message was not accepted
/// (429, 5xx) and connections that failed before the request went out are retried. A failure once the request may
/// have reached SendGrid is reported, not retried; the caller's idempotency ledger decides what a redelivery does.
/// </summary>
public sealed partial class SendGridMailSender : IMailSender
{
    /// <summary>The name of the custom argument carrying <see cref="MailMessage.IdempotencyKey"/>; SendGrid echoes it in
    /// its event webhook.</summary>
    public const string IdempotencyKeyArgument = "idempotency_key";

    public const string HttpClientName = "SendGrid";

    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 4;

    /// <summary>The longest wait honoured from a Retry-After header, so a queue message is not held for long.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly IHttpClientFactory httpClientFactory;
    private readonly ISecretStore secrets;
    private readonly SendGridOptions settings;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<SendGridMailSender> logger;
    private readonly ResiliencePipeline<Response> retry;

    public SendGridMailSender(
        IHttpClientFactory httpClientFactory,
        ISecretStore secrets,
        IOptions<SendGridOptions> options,
        TimeProvider timeProvider,
        ILogger<SendGridMailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.secrets = secrets;
        settings = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
        retry = new ResiliencePipelineBuilder<Response> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<Response>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxRetryAfter,
                ShouldHandle = new PredicateBuilder<Response>()
                    .HandleResult(response => IsNotAccepted(response.StatusCode))
                    .Handle<HttpRequestException>(NeverLeftThisMachine),
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfter(arguments.Outcome.Result)),
                OnRetry = arguments =>
                {
                    LogRetry(arguments.AttemptNumber + 1, (int?)arguments.Outcome.Result?.StatusCode, arguments.RetryDelay);
                    arguments.Outcome.Result?.Body?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfZero(message.To.Count, nameof(message));
        var request = ToSendGrid(message);

        // Asked for on every send (the store caches), so a rotated key is used without a restart.
        var apiKey = await secrets.GetSecretAsync(SecretNames.SendGridApiKey, cancellationToken).ConfigureAwait(false);
        var client = new SendGridClient(
            httpClientFactory.CreateClient(HttpClientName),
            new SendGridClientOptions { ApiKey = apiKey, Host = string.IsNullOrEmpty(settings.Host) ? "https://api.sendgrid.com" : settings.Host });

        Response response;
        try
        {
            response = await retry.ExecuteAsync(
                static async (state, token) => await state.client.SendEmailAsync(state.request, token).ConfigureAwait(false),
                (client, request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new MailDeliveryException(
                NeverLeftThisMachine(exception)
                    ? $"SendGrid could not be reached in {MaxAttempts} attempts."
                    : "The connection to SendGrid failed after the request was sent; SendGrid may have accepted the message.",
                exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailDeliveryException(
                "SendGrid did not answer in time; it may have accepted the message.", exception);
        }

        using var body = response.Body;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // SendGrid's error body names the fields at fault; it is kept out of the message as it may echo addresses.
        throw new MailDeliveryException(IsNotAccepted(response.StatusCode)
            ? $"SendGrid was unavailable after {MaxAttempts} attempts: {(int)response.StatusCode} {response.StatusCode}."
            : $"SendGrid refused the message: {(int)response.StatusCode} {response.StatusCode}.");
    }

    private SendGridMessage ToSendGrid(MailMessage message)
    {
        var request = new SendGridMessage
        {
            From = new EmailAddress(settings.FromEmail, settings.FromName),
            Subject = message.Subject,
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
            CustomArgs = new Dictionary<string, string> { [IdempotencyKeyArgument] = message.IdempotencyKey },
        };
        request.AddTos([.. message.To.Select(to => new EmailAddress(to.Email, to.Name))]);
        foreach (var file in message.Attachments ?? [])
        {
            // SendGrid takes base64 content, as the attachment already is.
            request.AddAttachment(file.FileName, file.Content, file.ContentType, "attachment");
        }

        if (settings.SandboxMode)
        {
            request.SetSandBoxMode(true);
        }

        return request;
    }

    /// <summary>429 and 5xx: SendGrid says it did not take the message, so sending again cannot duplicate it.</summary>
    private static bool IsNotAccepted(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Failures before any byte of the request was sent.</summary>
    private static bool NeverLeftThisMachine(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.NameResolutionError
            or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError;

    /// <summary>The wait a Retry-After header asks for (seconds or an HTTP date), capped; none means back off.</summary>
    private TimeSpan? RetryAfter(Response? response)
    {
        var header = response?.Headers?.RetryAfter;
        var wait = header?.Delta ?? (header?.Date - timeProvider.GetUtcNow());
        return wait is null ? null
            : wait < TimeSpan.Zero ? TimeSpan.Zero
            : wait > MaxRetryAfter ? MaxRetryAfter
            : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid did not accept attempt {Attempt} (status {Status}); retrying in {Delay}.")]
    private partial void LogRetry(int attempt, int? status, TimeSpan delay);
}
