namespace Iom.Application.Ports.Secrets;

/// <summary>
/// A secret exists but its value is not what the app expects. The message names the secret and says what is wrong; it
/// never contains the value or any part of it, so it may be logged and shown on the health report.
/// </summary>
public sealed class MalformedSecretException(string name, string problem)
    : Exception($"Secret '{name}' is malformed: {problem}")
{
    public string Name { get; } = name;
}
