using System.Security.Cryptography;
using Iom.Application.Ports.Secrets;

namespace Iom.Application.Tests.Panels.Circulations;

/// <summary>The secret port with only the link-signing key, which a test can rotate.</summary>
public sealed class LinkKeys : ISecretStore
{
    public string Keys { get; set; } = NewKey();

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
        name == SecretNames.LinksSigningKey ? ValueTask.FromResult(Keys) : throw new SecretNotFoundException(name);
}
