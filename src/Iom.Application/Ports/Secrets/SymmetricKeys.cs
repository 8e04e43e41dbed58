using System.Globalization;

namespace Iom.Application.Ports.Secrets;

/// <summary>
/// The keys one secret holds: base64 256-bit keys separated by commas, the first used for new work (wrapping, signing),
/// any of them for old (unwrapping, verifying). Rotation puts a new key first and keeps the old ones after it for as
/// long as anything made with them must still be read.
/// </summary>
public sealed class SymmetricKeys
{
    private SymmetricKeys(string secretName, IReadOnlyList<SymmetricKey> all) => (SecretName, All) = (secretName, all);

    public string SecretName { get; }

    public IReadOnlyList<SymmetricKey> All { get; }

    public SymmetricKey Current => All[0];

    public SymmetricKey? Find(string id) => All.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal));

    /// <exception cref="MalformedSecretException">Not base64, or a key that is not 32 bytes; the message never holds the value.</exception>
    public static SymmetricKeys Parse(string secretName, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entries = value.Split(',', StringSplitOptions.TrimEntries);
        var keys = new List<SymmetricKey>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var position = entries.Length == 1 ? "its value" : string.Create(CultureInfo.InvariantCulture, $"entry {i + 1} of {entries.Length}");
            if (entries[i].Length == 0)
            {
                throw new MalformedSecretException(secretName, $"{position} is empty. {Expected}");
            }

            var key = new byte[SymmetricKey.Bytes];
            if (!Convert.TryFromBase64String(entries[i], key, out var written) || written != SymmetricKey.Bytes)
            {
                // Nothing of the value goes into the message: not its length in characters, not a fragment.
                throw new MalformedSecretException(secretName, $"{position} is not a {SymmetricKey.Bytes}-byte key in base64. {Expected}");
            }

            keys.Add(new SymmetricKey(key));
        }

        return new SymmetricKeys(secretName, keys);
    }

    public static async Task<SymmetricKeys> ReadAsync(ISecretStore secrets, string secretName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return Parse(secretName, await secrets.GetSecretAsync(secretName, cancellationToken).ConfigureAwait(false));
    }

    private const string Expected = "Each key is 32 random bytes in base64, as `openssl rand -base64 32` makes; several are separated by commas, the one used for new work first.";
}
