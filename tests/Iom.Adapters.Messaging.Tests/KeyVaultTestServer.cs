using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>
/// A Key Vault stand-in on loopback HTTPS (self-signed certificate made here) that speaks the part of the secrets API
/// the SDK uses: the bearer challenge on an unauthenticated request, then <c>GET /secrets/{name}[/{version}]</c> and
/// <c>GET /secrets</c> with a valid token.
/// </summary>
internal sealed class KeyVaultTestServer : IAsyncDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string Token = "token-for-the-test-vault";

    private readonly ConcurrentDictionary<string, (string Version, string Value)> secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly WebApplication app;
    private int challenges;
    private int secretReads;

    private KeyVaultTestServer(X509Certificate2 certificate)
    {
        Certificate = certificate;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public X509Certificate2 Certificate { get; }

    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Requests refused with the bearer challenge.</summary>
    public int Challenges => Volatile.Read(ref challenges);

    /// <summary>Authorised reads of one secret.</summary>
    public int SecretReads => Volatile.Read(ref secretReads);

    public static async Task<KeyVaultTestServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new KeyVaultTestServer(CreateCertificate());
        await server.app.StartAsync(cancellationToken);
        var address = server.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.VaultUri = new Uri(address + "/");
        return server;
    }

    /// <summary>Adds a new version of the secret, which becomes its value.</summary>
    public void SetSecret(string name, string value) => secrets[name] = (Guid.NewGuid().ToString("N"), value);

    /// <summary>Client options whose transport trusts this server's certificate and nothing else.</summary>
    public void Configure(Azure.Security.KeyVault.Secrets.SecretClientOptions options)
    {
        var expected = Certificate.GetCertHash(HashAlgorithmName.SHA256);
        options.DisableChallengeResourceVerification = true;
        options.Transport = new Azure.Core.Pipeline.HttpClientTransport(new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(expected),
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            Interlocked.Increment(ref challenges);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate =
                $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"https://vault.azure.net\"";
            return;
        }

        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        if (context.Request.Method != HttpMethods.Get || segments[0] != "secrets" || segments.Length > 3 ||
            string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (segments.Length == 1)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                value = secrets.Keys.Select(name => new { id = $"{VaultUri}secrets/{name}", attributes = new { enabled = true } }),
                nextLink = (string?)null,
            });
            return;
        }

        Interlocked.Increment(ref secretReads);
        var name = segments[1];
        var version = segments.Length == 3 ? segments[2] : "";
        if (!secrets.TryGetValue(name, out var secret) || (version.Length > 0 && version != secret.Version))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new
            {
                error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." },
            });
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            value = secret.Value,
            id = $"{VaultUri}secrets/{name}/{secret.Version}",
            attributes = new { enabled = true, created = 1_764_000_000, updated = 1_764_000_000, recoveryLevel = "Recoverable+Purgeable" },
        });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Reloaded from PFX so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}

/// <summary>Hands out a fixed token and records what it was asked for.</summary>
internal sealed class RecordingCredential(string token) : TokenCredential
{
    private readonly ConcurrentQueue<TokenRequestContext> requests = new();

    public IReadOnlyList<TokenRequestContext> Requests => [.. requests];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        requests.Enqueue(requestContext);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
