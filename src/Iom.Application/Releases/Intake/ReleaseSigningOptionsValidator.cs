using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Iom.Application.Releases.Intake;

/// <summary>
/// Refuses to start with a key id that cannot name a Key Vault secret, a prison code that is not one, or an id listed
/// as both a prison's and a relay's (it would open both doors).
/// </summary>
public sealed partial class ReleaseSigningOptionsValidator : IValidateOptions<ReleaseSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleaseSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (keyId, prison) in options.PrisonKeys)
        {
            if (!IsKeyId(keyId))
            {
                failures.Add($"{ReleaseSigningOptions.SectionName}:PrisonKeys has a key id that is not 1-40 lower-case letters, digits and hyphens: \"{keyId}\".");
            }

            if (prison is null || !PrisonCode().IsMatch(prison))
            {
                failures.Add($"{ReleaseSigningOptions.SectionName}:PrisonKeys:{keyId} must be a prison code of 3 upper-case letters, like SWI.");
            }
        }

        foreach (var keyId in options.RelayKeys)
        {
            if (!IsKeyId(keyId))
            {
                failures.Add($"{ReleaseSigningOptions.SectionName}:RelayKeys has a key id that is not 1-40 lower-case letters, digits and hyphens: \"{keyId}\".");
            }
            else if (options.PrisonKeys.ContainsKey(keyId))
            {
                failures.Add($"Key id \"{keyId}\" is both a prison's and a relay's: give each door its own keys.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A key id names its secret (Key Vault names: letters, digits, hyphens) and is sent in a header.</summary>
    public static bool IsKeyId(string? keyId) => keyId is not null && KeyId().IsMatch(keyId);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex KeyId();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex PrisonCode();
}
