namespace Iom.Application.Ports.Secrets;

public sealed class SecretNotFoundException(string name, Exception? inner = null)
    : Exception($"Secret '{name}' was not found.", inner)
{
    public string Name { get; } = name;
}
