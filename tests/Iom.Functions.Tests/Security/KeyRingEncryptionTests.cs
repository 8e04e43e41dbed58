using System.Security.Cryptography;
using System.Xml.Linq;
using Iom.Application.Ports.Secrets;
using Iom.Functions.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Tests.Security;

/// <summary>The key-encryption key that wraps the data-protection key ring at rest, on its own.</summary>
public sealed class KeyRingEncryptionTests
{
    private static readonly XElement MasterKey = XElement.Parse(
        "<masterKey xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\" p4:requiresEncryption=\"true\"><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey>");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static string NewKek() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    internal static string IdOf(string kek) => new KeyEncryptionKey(Convert.FromBase64String(kek)).Id;

    [Fact]
    public void A_wrapped_key_unwraps_to_the_same_element_and_shows_none_of_it()
    {
        var secrets = new Secrets(NewKek());

        var wrapped = new KeyRingXmlEncryptor(secrets).Encrypt(MasterKey);

        wrapped.DecryptorType.ShouldBe(typeof(KeyRingXmlDecryptor));
        var stored = wrapped.EncryptedElement.ToString();
        stored.ShouldNotContain("masterKey");
        stored.ShouldNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA==");
        stored.ShouldNotContain(secrets.Value!);
        XNode.DeepEquals(Decryptor(secrets).Decrypt(wrapped.EncryptedElement), MasterKey).ShouldBeTrue();
    }

    [Fact]
    public void Each_wrapping_uses_a_fresh_nonce_so_the_same_key_never_wraps_to_the_same_text()
    {
        var encryptor = new KeyRingXmlEncryptor(new Secrets(NewKek()));

        var first = encryptor.Encrypt(MasterKey).EncryptedElement.ToString();
        var second = encryptor.Encrypt(MasterKey).EncryptedElement.ToString();

        first.ShouldNotBe(second);
    }

    [Fact]
    public void The_wrapped_key_names_the_key_encryption_key_by_an_id_that_is_not_the_key()
    {
        var kek = NewKek();

        var wrapped = new KeyRingXmlEncryptor(new Secrets(kek)).Encrypt(MasterKey).EncryptedElement;

        var id = (string?)wrapped.Attribute("kek") ?? "";
        id.ShouldBe(IdOf(kek));
        id.ShouldMatch("^[0-9a-f]{16}$");
        Convert.ToHexStringLower(Convert.FromBase64String(kek)).ShouldNotContain(id);
    }

    [Fact]
    public void After_a_rotation_new_keys_are_wrapped_with_the_new_key_and_keys_wrapped_with_the_old_one_still_unwrap()
    {
        var (old, @new) = (NewKek(), NewKek());
        var secrets = new Secrets(old);
        var wrappedBefore = new KeyRingXmlEncryptor(secrets).Encrypt(MasterKey).EncryptedElement;

        secrets.Value = $"{@new},{old}";
        var wrappedAfter = new KeyRingXmlEncryptor(secrets).Encrypt(MasterKey).EncryptedElement;

        ((string?)wrappedBefore.Attribute("kek")).ShouldBe(IdOf(old));
        ((string?)wrappedAfter.Attribute("kek")).ShouldBe(IdOf(@new));
        XNode.DeepEquals(Decryptor(secrets).Decrypt(wrappedBefore), MasterKey).ShouldBeTrue();
        XNode.DeepEquals(Decryptor(secrets).Decrypt(wrappedAfter), MasterKey).ShouldBeTrue();
    }

    [Fact]
    public void Once_the_old_key_is_removed_a_key_it_wrapped_fails_with_a_message_naming_both_ids_and_the_secret()
    {
        var (old, @new) = (NewKek(), NewKek());
        var wrapped = new KeyRingXmlEncryptor(new Secrets(old)).Encrypt(MasterKey).EncryptedElement;

        var failure = Should.Throw<CryptographicException>(() => Decryptor(new Secrets(@new)).Decrypt(wrapped));

        failure.Message.ShouldContain(IdOf(old));
        failure.Message.ShouldContain(IdOf(@new));
        failure.Message.ShouldContain(SecretNames.DataProtectionKeyEncryptionKey);
        failure.Message.ShouldNotContain(old);
        failure.Message.ShouldNotContain(@new);
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("nonce")]
    public void A_wrapped_key_altered_in_the_store_fails_its_integrity_check(string part)
    {
        var secrets = new Secrets(NewKek());
        var wrapped = new KeyRingXmlEncryptor(secrets).Encrypt(MasterKey).EncryptedElement;
        var element = wrapped.Elements().Single(e => e.Name.LocalName == part);
        var bytes = Convert.FromBase64String(element.Value);
        bytes[0] ^= 1;
        element.Value = Convert.ToBase64String(bytes);

        Should.Throw<CryptographicException>(() => Decryptor(secrets).Decrypt(wrapped)).Message.ShouldContain("integrity check");
    }

    [Fact]
    public void A_wrapped_key_that_claims_another_key_encryption_key_is_refused_even_when_that_key_is_held()
    {
        // Swapping the id does not redirect the check: the id is bound into the authenticated data.
        var (first, second) = (NewKek(), NewKek());
        var secrets = new Secrets($"{first},{second}");
        var wrapped = new KeyRingXmlEncryptor(secrets).Encrypt(MasterKey).EncryptedElement;
        wrapped.SetAttributeValue("kek", IdOf(second));

        Should.Throw<CryptographicException>(() => Decryptor(secrets).Decrypt(wrapped));
    }

    [Theory]
    [InlineData("not base64 at all: SUPERSECRET")]
    [InlineData("SUPERSECRETSUPERSECRETAA")] // base64, but 18 bytes
    [InlineData("SUPERSECRETSUPERSECRETSUPERSECRETSUPERSECRETSUPERSECRETAAAAA")] // base64, but 45 bytes
    [InlineData(",SUPERSECRET")] // an empty entry
    public void A_malformed_secret_fails_with_a_message_naming_the_secret_and_none_of_its_value(string value)
    {
        var encrypting = Should.Throw<MalformedSecretException>(() => new KeyRingXmlEncryptor(new Secrets(value)).Encrypt(MasterKey));
        var parsing = Should.Throw<MalformedSecretException>(() => KeyEncryptionKeys.Parse(value));

        foreach (var message in new[] { encrypting.Message, parsing.Message })
        {
            message.ShouldContain($"'{SecretNames.DataProtectionKeyEncryptionKey}'");
            message.ShouldContain("openssl rand -base64 32");
            message.ShouldNotContain("SUPERSECRET");
        }
    }

    [Fact]
    public void A_malformed_entry_among_several_is_named_by_its_position()
    {
        var failure = Should.Throw<MalformedSecretException>(() => KeyEncryptionKeys.Parse($"{NewKek()},SUPERSECRET"));

        failure.Message.ShouldContain("entry 2 of 2");
        failure.Message.ShouldNotContain("SUPERSECRET");
    }

    [Fact]
    public async Task The_health_check_is_healthy_with_a_good_key_and_unhealthy_without_one_or_with_a_malformed_one()
    {
        var healthy = await Check(new Secrets(NewKek()));
        var missing = await Check(new Secrets(null));
        var malformed = await Check(new Secrets("SUPERSECRET"));

        healthy.Status.ShouldBe(HealthStatus.Healthy);
        missing.Status.ShouldBe(HealthStatus.Unhealthy);
        missing.Exception.ShouldBeOfType<SecretNotFoundException>();
        malformed.Status.ShouldBe(HealthStatus.Unhealthy);
        malformed.Exception.ShouldBeOfType<MalformedSecretException>().Message.ShouldNotContain("SUPERSECRET");
    }

    [Fact]
    public void Data_protection_creates_the_decryptor_from_its_stored_type_name_with_the_apps_secret_store()
    {
        var secrets = new Secrets(NewKek());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISecretStore>(secrets);
        services.AddDataProtection();
        using var provider = services.BuildServiceProvider();
        var wrapped = new KeyRingXmlEncryptor(secrets).Encrypt(MasterKey);

        // What the key manager does with the decryptorType attribute it stored next to the wrapped key.
        var decryptor = (IXmlDecryptor)provider.GetRequiredService<IActivator>()
            .CreateInstance(typeof(IXmlDecryptor), wrapped.DecryptorType.AssemblyQualifiedName!);

        XNode.DeepEquals(decryptor.Decrypt(wrapped.EncryptedElement), MasterKey).ShouldBeTrue();
    }

    private static KeyRingXmlDecryptor Decryptor(ISecretStore secrets)
    {
        var services = new ServiceCollection().AddSingleton(secrets).BuildServiceProvider();
        return new KeyRingXmlDecryptor(services);
    }

    private static async Task<HealthReportEntry> Check(ISecretStore secrets)
    {
        var check = new KeyEncryptionKeyHealthCheck(secrets);
        var registration = new HealthCheckRegistration(KeyEncryptionKeyHealthCheck.Name, check, HealthStatus.Unhealthy, []);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().Add(registration);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        return report.Entries[KeyEncryptionKeyHealthCheck.Name];
    }

    /// <summary>A secret store holding one secret, whose value a test can change (a rotation).</summary>
    private sealed class Secrets(string? value) : ISecretStore
    {
        public string? Value { get; set; } = value;

        public ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
            name == SecretNames.DataProtectionKeyEncryptionKey && Value is not null
                ? ValueTask.FromResult(Value)
                : throw new SecretNotFoundException(name);
    }
}
