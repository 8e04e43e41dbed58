using Iom.Adapters.Local;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Messaging.Tests;

public sealed class ConfigurationSecretStoreTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_secret_is_read_from_the_Secrets_section_by_name()
    {
        var store = StoreOver(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Secrets:SendGrid-ApiKey"] = "SG.local" })
            .Build());

        (await store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken)).ShouldBe("SG.local");
    }

    [Fact]
    public async Task A_missing_or_empty_secret_is_a_SecretNotFoundException_naming_it()
    {
        var store = StoreOver(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Secrets:Empty"] = "" })
            .Build());

        (await Should.ThrowAsync<SecretNotFoundException>(() => store.GetSecretAsync("Absent", TestContext.Current.CancellationToken).AsTask()))
            .Name.ShouldBe("Absent");
        (await Should.ThrowAsync<SecretNotFoundException>(() => store.GetSecretAsync("Empty", TestContext.Current.CancellationToken).AsTask()))
            .Name.ShouldBe("Empty");
    }

    [Fact]
    public async Task A_value_changed_in_a_reloaded_settings_file_is_returned_on_the_next_call()
    {
        var file = Path.Combine(folder.Path, "secrets.json");
        await File.WriteAllTextAsync(file, """{ "Secrets": { "SendGrid-ApiKey": "SG.before" } }""", TestContext.Current.CancellationToken);
        var configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        var store = StoreOver(configuration);
        (await store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken)).ShouldBe("SG.before");

        await File.WriteAllTextAsync(file, """{ "Secrets": { "SendGrid-ApiKey": "SG.after" } }""", TestContext.Current.CancellationToken);
        configuration.Reload();

        (await store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken)).ShouldBe("SG.after");
    }

    private static ISecretStore StoreOver(IConfiguration configuration) =>
        new ServiceCollection().AddConfigurationSecretStore(configuration).BuildServiceProvider().GetRequiredService<ISecretStore>();
}
