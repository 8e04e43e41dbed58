using System.Globalization;
using System.Security.Cryptography;
using Iom.Application.Ports.Secrets;
using Iom.Application.Releases.Intake;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// Signs as a prison's system or a relay does (HMAC-SHA256 over "&lt;t&gt;.&lt;raw body&gt;", hex, in X-Iom-Signature) with a
/// key of the test's own; <see cref="PrisonSettings"/> or <see cref="RelaySettings"/> tell the host about it.
/// </summary>
public sealed class ReleaseSigner(string keyId)
{
    public string KeyId { get; } = keyId;

    public byte[] Key { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The host arguments that make this key one of <paramref name="prison"/>'s.</summary>
    public string[] PrisonSettings(string prison) =>
        [$"--{ReleaseSigningOptions.SectionName}:PrisonKeys:{KeyId}={prison}", SecretSetting];

    /// <summary>The host arguments that make this key a relay's (at <paramref name="index"/> of the list).</summary>
    public string[] RelaySettings(int index = 0) =>
        [$"--{ReleaseSigningOptions.SectionName}:RelayKeys:{index}={KeyId}", SecretSetting];

    private string SecretSetting => $"--Secrets:{SecretNames.ReleaseSigningKey(KeyId)}={Convert.ToBase64String(Key)}";

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The X-Iom-Signature value for <paramref name="body"/> signed at <paramref name="at"/>.</summary>
    public string Signature(byte[] body, DateTimeOffset at) =>
        $"t={Timestamp(at)},v1={ReleaseSignatureCheck.Sign(Key, Timestamp(at), body)}";

    /// <summary>The two headers of a request signed by this key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers(byte[] body, DateTimeOffset at) =>
        [new(ReleaseSignatureCheck.KeyIdHeader, KeyId), new(ReleaseSignatureCheck.SignatureHeader, Signature(body, at))];

    /// <summary>A POST of <paramref name="body"/> to <paramref name="path"/>, signed at <paramref name="at"/>.</summary>
    public HttpRequestMessage Post(string path, byte[] body, DateTimeOffset at)
    {
        var request = Bare(path, body);
        foreach (var (name, value) in Headers(body, at))
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    public static HttpRequestMessage Bare(string path, byte[] body, string contentType = "application/json") =>
        new(HttpMethod.Post, path) { Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } } };
}
