using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>Whether the principal the request carries, as generated, may call the endpoint.</summary>
public enum Access
{
    /// <summary>Anonymous endpoint, or a well-formed principal holding a role the endpoint allows.</summary>
    Allowed,

    /// <summary>No principal, a malformed one, or one without an allowed role: it must never get a 2xx.</summary>
    Refused,

    /// <summary>A principal mutated in a way whose outcome the generator does not predict.</summary>
    Unknown,
}

/// <summary>
/// One generated request, exactly as it goes on the wire apart from placeholders: <c>{{referral:N}}</c> and
/// <c>{{person:N}}</c> in the target, which the runner replaces with the id of a referral or person that exists when it
/// is sent, and the session's (the anti-forgery token and cookie).
/// </summary>
public sealed partial record FuzzRequest(
    int Seed,
    int Index,
    string Endpoint,
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    byte[]? Body,
    bool Chunked,
    bool AbortEarly,
    Access Access,
    IReadOnlyList<string> Mutations)
{
    private const int PrintableBody = 2048;

    /// <summary>
    /// The request as it is sent: <c>{{kind:N}}</c> in the target becomes <paramref name="known"/>(kind, N), and each of
    /// <paramref name="session"/>'s placeholders (e.g. the anti-forgery token) its value, in headers and body.
    /// </summary>
    public FuzzRequest Resolve(Func<string, int, string> known, IReadOnlyDictionary<string, string> session)
    {
        var body = Body;
        var headers = Headers.ToList();
        foreach (var (placeholder, value) in session)
        {
            headers = headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Replace(placeholder, value, StringComparison.Ordinal))).ToList();
            body = body is null ? null : Replace(body, Encoding.ASCII.GetBytes(placeholder), Encoding.ASCII.GetBytes(value));
        }

        var target = Placeholder().Replace(Target, m => known(m.Groups["kind"].Value, int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)));
        return this with { Target = target, Headers = headers, Body = body };
    }

    public HttpRequestMessage ToHttpRequest(Uri origin)
    {
        // Sent exactly as generated: no dot-segment removal or unescaping by the client.
        var uri = new Uri(origin.GetLeftPart(UriPartial.Authority) + Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(new HttpMethod(Method), uri) { Version = HttpVersion.Version11 };
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null || ContentType is not null)
        {
            HttpContent content = Chunked ? new ChunkedContent(Body ?? []) : new ByteArrayContent(Body ?? []);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            request.Content = content;
        }

        return request;
    }

    /// <summary>Everything needed to send this request again by hand, and how to make the harness replay it.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"input {Index} of seed {Seed}: {Endpoint} [{string.Join("; ", Mutations.DefaultIfEmpty("valid, unmutated"))}]\n");
        text.Append(CultureInfo.InvariantCulture, $"  replay: FUZZ_SEED={Seed} FUZZ_ONLY={Index} {FuzzSettings.Command}\n");
        text.Append(CultureInfo.InvariantCulture, $"  {Method} {Target} HTTP/1.1{(AbortEarly ? "   (the client abandons it within milliseconds)" : "")}\n");
        foreach (var (name, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name}: {Shorten(value, 400)}\n");
        }

        if (ContentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  Content-Type: {Shorten(ContentType, 400)}\n");
        }

        if (Body is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {(Chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {Body.Length}")}\n");
            text.Append(CultureInfo.InvariantCulture, $"  body, {Body.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(Body))}");
            text.Append(Body.Length <= PrintableBody ? ", as C# bytes-of-string:\n  " : $", first {PrintableBody} bytes:\n  ");
            text.Append(Printable(Body.AsSpan(0, Math.Min(Body.Length, PrintableBody))));
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Bytes as a C#-style string literal: printable ASCII as is, everything else as \xNN.</summary>
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 2).Append('"');
        foreach (var b in bytes)
        {
            text.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        }

        return text.Append('"').ToString();
    }

    private static byte[] Replace(byte[] bytes, byte[] find, byte[] with)
    {
        var at = bytes.AsSpan().IndexOf(find);
        return at < 0 ? bytes : Replace([.. bytes[..at], .. with, .. bytes[(at + find.Length)..]], find, with);
    }

    private static string Shorten(string value, int max) => value.Length <= max ? value : $"{value[..max]}… ({value.Length} characters)";

    [GeneratedRegex(@"\{\{(?<kind>referral|person):(?<n>\d+)\}\}")]
    private static partial Regex Placeholder();

    /// <summary>A body sent with Transfer-Encoding: chunked, so the server learns its size only by reading it.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 8192)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(8192, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

/// <summary>How a run is chosen: by environment variables, so the same test is the CI run, the long run and a replay.</summary>
public static class FuzzSettings
{
    public const int DefaultSeed = 20261214;
    public const int DefaultIterations = 10_000;
    public const string Command = "dotnet test tests/Iom.Functions.Tests --filter \"FullyQualifiedName~Fuzzing.FuzzTests\" --logger \"console;verbosity=detailed\"";

    public static int Seed => Read("FUZZ_SEED") ?? DefaultSeed;

    public static int Iterations => Read("FUZZ_ITERATIONS") ?? DefaultIterations;

    /// <summary>Replay one input (its index) instead of a whole run.</summary>
    public static int? Only => Read("FUZZ_ONLY");

    private static int? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new InvalidOperationException($"{name} must be a whole number, not '{text}'.")
            : null;
}
