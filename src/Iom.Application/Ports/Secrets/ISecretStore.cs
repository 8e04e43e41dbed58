namespace Iom.Application.Ports.Secrets;

/// <summary>
/// Secrets by name (Key Vault in Azure, configuration locally). Callers ask each time they need a value rather than
/// keeping it, so a rotated secret is picked up without a restart; adapters cache briefly.
/// </summary>
public interface ISecretStore
{
    /// <exception cref="SecretNotFoundException">No secret has that name.</exception>
    ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default);
}
