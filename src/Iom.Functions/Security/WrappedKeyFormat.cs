using System.Text;
using System.Xml.Linq;

namespace Iom.Functions.Security;

/// <summary>
/// The encrypted form of a data-protection key's secret part: AES-256-GCM under a key-encryption key from the secret
/// store, named by its non-secret id so the right one (of several, during a rotation) is used to unwrap it.
/// </summary>
internal static class WrappedKeyFormat
{
    public static readonly XNamespace Namespace = "urn:iom:data-protection:wrapped-key";
    public static readonly XName Element = Namespace + "wrappedKey";
    public const string Algorithm = "AES-256-GCM";
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>Binds the ciphertext to the format and to the id it claims, so neither can be swapped undetected.</summary>
    public static byte[] AssociatedData(string kekId) => Encoding.UTF8.GetBytes($"iom-key-ring|v1|{Algorithm}|{kekId}");
}
