using Azure;
using Azure.Security.KeyVault.Secrets;
using Iom.Adapters.KeyVault;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>The Key Vault adapter, through the real SDK, against a local HTTPS server that speaks the bearer challenge.</summary>
public sealed class KeyVaultSecretStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(Samples.Now);
    private readonly RecordingCredential credential = new(KeyVaultTestServer.Token);
    private KeyVaultTestServer vault = null!;
    private ServiceProvider services = null!;

    private ISecretStore Store => services.GetRequiredService<ISecretStore>();

    public async ValueTask InitializeAsync()
    {
        // A server per test: the SDK remembers a host's challenge, and each test shows the first request's.
        vault = await KeyVaultTestServer.StartAsync(TestContext.Current.CancellationToken);
        services = Build(credential, vault.VaultUri.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await vault.DisposeAsync();
    }

    [Fact]
    public async Task A_secret_is_read_after_the_bearer_challenge_with_a_token_for_the_vault_scope_and_tenant()
    {
        vault.SetSecret(SecretNames.SendGridApiKey, "SG.one");

        (await Store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken)).ShouldBe("SG.one");

        vault.Challenges.ShouldBe(1);
        vault.SecretReads.ShouldBe(1);
        var tokenRequest = credential.Requests.ShouldHaveSingleItem();
        tokenRequest.Scopes.ShouldBe(["https://vault.azure.net/.default"]);
        tokenRequest.TenantId.ShouldBe(KeyVaultTestServer.TenantId);
    }

    [Fact]
    public async Task A_read_within_the_cache_window_does_not_ask_the_vault_again()
    {
        vault.SetSecret(SecretNames.SendGridApiKey, "SG.one");

        await Store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(299));
        (await Store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken)).ShouldBe("SG.one");

        vault.SecretReads.ShouldBe(1);
    }

    [Fact]
    public async Task A_rotated_secret_is_seen_once_the_cache_window_has_passed_without_a_restart()
    {
        vault.SetSecret(SecretNames.SendGridApiKey, "SG.one");
        await Store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken);

        vault.SetSecret(SecretNames.SendGridApiKey, "SG.two");
        time.Advance(TimeSpan.FromSeconds(200));
        (await Store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken)).ShouldBe("SG.one");
        time.Advance(TimeSpan.FromSeconds(100));
        (await Store.GetSecretAsync(SecretNames.SendGridApiKey, TestContext.Current.CancellationToken)).ShouldBe("SG.two");

        vault.SecretReads.ShouldBe(2);
    }

    [Fact]
    public async Task A_missing_secret_is_a_SecretNotFoundException_naming_it()
    {
        var missing = await Should.ThrowAsync<SecretNotFoundException>(
            () => Store.GetSecretAsync("No-Such-Secret", TestContext.Current.CancellationToken).AsTask());

        missing.Name.ShouldBe("No-Such-Secret");
    }

    [Fact]
    public async Task The_health_check_is_healthy_when_the_vault_accepts_our_token_and_unhealthy_when_it_does_not()
    {
        var health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        health.Entries["keyvault"].Status.ShouldBe(HealthStatus.Healthy);

        await using var refused = Build(new RecordingCredential("not-the-token"), vault.VaultUri.ToString());
        var refusedHealth = await refused.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        refusedHealth.Entries["keyvault"].Status.ShouldBe(HealthStatus.Unhealthy);
        refusedHealth.Entries["keyvault"].Exception.ShouldBeOfType<RequestFailedException>().Status.ShouldBe(401);
    }

    [Fact]
    public void One_SecretClient_serves_the_app()
    {
        services.GetRequiredService<SecretClient>().ShouldBeSameAs(services.GetRequiredService<SecretClient>());
        services.GetRequiredService<SecretClient>().VaultUri.ShouldBe(vault.VaultUri);
    }

    [Fact]
    public void Start_up_validation_refuses_a_missing_vault_address()
    {
        using var invalid = Build(credential, vaultUri: null);

        Should.Throw<OptionsValidationException>(() => invalid.GetRequiredService<IStartupValidator>().Validate())
            .Message.ShouldContain("VaultUri");
    }

    private ServiceProvider Build(RecordingCredential tokens, string? vaultUri)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["KeyVault:VaultUri"] = vaultUri })
            .Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time);
        collection.AddKeyVaultSecretStore(configuration, tokens, options => vault.Configure(options));
        return collection.BuildServiceProvider();
    }
}
