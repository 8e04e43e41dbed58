using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Http;

/// <summary>Reads request bodies within the size and time limits, whatever the transfer encoding.</summary>
public static class RequestBody
{
    public const long MaxBytes = 256 * 1024;

    private static readonly object ReadTimeoutKey = new();

    private static readonly object ClockKey = new();

    private static readonly object SignedBodyKey = new();

    private static readonly object MaxBytesKey = new();

    /// <summary>The body of a <see cref="SignedByAttribute"/> function, as received and verified by the pipeline.</summary>
    /// <exception cref="InvalidOperationException">The function is not a signed one.</exception>
    public static ReadOnlyMemory<byte> Verified(HttpRequest request) =>
        request?.HttpContext.Items.TryGetValue(SignedBodyKey, out var body) == true && body is byte[] bytes
            ? bytes
            : throw new InvalidOperationException("Only a [SignedBy] function has a verified body.");

    internal static void SetSigned(HttpContext http, byte[] body) => http.Items[SignedBodyKey] = body;

    /// <summary>The time limit for reading this request's body (the pipeline sets it from <see cref="HttpLimitOptions"/>).</summary>
    internal static void SetReadTimeout(HttpContext http, TimeSpan limit, TimeProvider clock)
    {
        http.Items[ReadTimeoutKey] = limit;
        http.Items[ClockKey] = clock;
    }

    private static TimeProvider ClockOf(HttpContext http) =>
        http.Items.TryGetValue(ClockKey, out var clock) && clock is TimeProvider set ? set : TimeProvider.System;

    /// <summary>The function's body limit (the pipeline sets it from <see cref="EndpointPolicy.MaxBodyBytes"/>).</summary>
    internal static void SetMaxBytes(HttpContext http, long maxBytes) => http.Items[MaxBytesKey] = maxBytes;

    private static long MaxBytesOf(HttpContext http) =>
        http.Items.TryGetValue(MaxBytesKey, out var limit) && limit is long set ? set : MaxBytes;

    /// <summary>
    /// The body as a stream, for a function that declares a large limit (<see cref="MaxBodyAttribute"/>) and reads as it
    /// goes instead of holding the body: reading past the limit throws <see cref="RequestBodyTooLargeException"/>,
    /// whether or not a Content-Length was sent, and waiting for the body longer in all than the body read timeout
    /// throws <see cref="RequestBodyTimeoutException"/> (the time the function spends on what it has read does not count).
    /// </summary>
    public static Stream OpenStream(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new LimitedBodyStream(request.Body, MaxBytesOf(request.HttpContext), ReadTimeoutOf(request.HttpContext), ClockOf(request.HttpContext));
    }

    private static TimeSpan ReadTimeoutOf(HttpContext http) =>
        http.Items.TryGetValue(ReadTimeoutKey, out var limit) && limit is TimeSpan set ? set : new HttpLimitOptions().BodyReadTimeout;

    /// <exception cref="UnsupportedContentTypeException">Not application/json.</exception>
    /// <exception cref="RequestBodyTooLargeException">Over <see cref="MaxBytes"/>.</exception>
    /// <exception cref="RequestBodyTimeoutException">Not all there within the time limit.</exception>
    /// <exception cref="JsonException">Not valid JSON for <typeparamref name="T"/> (also invalid UTF-8, too deep, unknown members).</exception>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            throw new UnsupportedContentTypeException("application/json");
        }

        var bytes = await ReadBytesAsync(request, cancellationToken);
        return JsonSerializer.Deserialize<T>(bytes, ApiJson.Options) ?? throw new JsonException("The body is null.", "$", null, null);
    }

    /// <summary>Reads a form (URL-encoded or multipart) within the size limit.</summary>
    /// <exception cref="UnsupportedContentTypeException">Not a form.</exception>
    /// <exception cref="RequestBodyTooLargeException">Over <see cref="MaxBytes"/>.</exception>
    /// <exception cref="RequestBodyTimeoutException">Not all there within the time limit.</exception>
    /// <exception cref="MalformedBodyException">The form cannot be parsed: a multipart body cut short, no boundary, too many fields.</exception>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new UnsupportedContentTypeException("application/x-www-form-urlencoded");
        }

        // Read within the limit first, whatever the transfer encoding: the parser then reads only memory, so whatever it
        // throws (IOException for a multipart body that ends early, InvalidDataException for the rest) is about the body.
        request.Body = new MemoryStream(await ReadBytesAsync(request, cancellationToken));
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            throw new MalformedBodyException("The form could not be read.", exception);
        }
    }

    /// <exception cref="RequestBodyTooLargeException">Over <see cref="MaxBytes"/>.</exception>
    /// <exception cref="RequestBodyTimeoutException">Not all there within the time limit.</exception>
    public static Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadBytesAsync(request, MaxBytes, cancellationToken);

    /// <param name="maxBytes">The function's own limit (<see cref="EndpointPolicy.MaxBodyBytes"/>).</param>
    /// <exception cref="RequestBodyTooLargeException">Over <paramref name="maxBytes"/>.</exception>
    /// <exception cref="RequestBodyTimeoutException">Not all there within the time limit.</exception>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            throw new RequestBodyTooLargeException(maxBytes);
        }

        // A total time, not a rate: Kestrel's minimum data rate (240 bytes/s) alone would let a client that keeps just
        // above it hold a request open for the quarter of an hour 256 KiB takes at that pace.
        var limit = ReadTimeoutOf(request.HttpContext);
        using var timer = new CancellationTokenSource(limit, ClockOf(request.HttpContext));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, deadline.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new RequestBodyTooLargeException(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RequestBodyTimeoutException(limit);
        }

        return buffer.ToArray();
    }

    /// <exception cref="UnsupportedContentTypeException">Not application/json.</exception>
    public static void RequireJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            throw new UnsupportedContentTypeException("application/json");
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
