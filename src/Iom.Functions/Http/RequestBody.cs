using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Http;

public sealed class RequestBodyTooLargeException(long limit) : Exception($"The request body is over {limit} bytes.")
{
    public long Limit { get; } = limit;
}

public sealed class UnsupportedContentTypeException(string expected) : Exception($"Expected {expected}.")
{
    public string Expected { get; } = expected;
}

/// <summary>Reads request bodies within the size limit, whatever the transfer encoding.</summary>
public static class RequestBody
{
    public const long MaxBytes = 256 * 1024;

    /// <exception cref="UnsupportedContentTypeException">Not application/json.</exception>
    /// <exception cref="RequestBodyTooLargeException">Over <see cref="MaxBytes"/>.</exception>
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

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new RequestBodyTooLargeException(MaxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new RequestBodyTooLargeException(MaxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
