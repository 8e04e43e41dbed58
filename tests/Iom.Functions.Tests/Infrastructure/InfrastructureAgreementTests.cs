using System.Reflection;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Functions.Composition;
using Iom.Functions.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.Infrastructure;

/// <summary>
/// The code and infra/ agree. What the code uses is discovered, never listed here: the settings the Azure worker
/// actually reads (recorded while its composition starts every option and function class), the queues (queue triggers
/// and the *Queues constants), the secrets (SecretNames constants), the roles ([AllowRoles] and Roles), the functions
/// and log messages the alerts watch. A flow that adds any of them fails here until infra/ declares it.
/// </summary>
public sealed class InfrastructureAgreementTests
{
    /// <summary>
    /// Settings the worker reads whose shipped default is right in Azure, each with why; anything else it reads must be
    /// set by the Bicep. A new option fails the first test until it is set there or added here with its reason.
    /// </summary>
    private static readonly Dictionary<string, string> DefaultedInAzure = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Cosmos:ConnectionString"] = "the identity-based AccountEndpoint is set instead",
        ["Cosmos:CreateResourcesIfNotExists"] = "false: the Bicep creates the database and containers",
        ["Cosmos:AcceptSelfSignedCertificate"] = "false: only for the local Cosmos server",
        ["Queues:ConnectionString"] = "the identity-based ServiceUri is set instead",
        ["AuditAnchors:ConnectionString"] = "the identity-based ServiceUri is set instead",
        ["AuditAnchors:CreateContainerIfNotExists"] = "false: the Bicep creates the container, with its immutability policy",
        ["ServiceBus:ConnectionString"] = "the identity-based FullyQualifiedNamespace is set instead",
        ["AzureWebJobsStorage"] = "the identity-based AzureWebJobsStorage__accountName is set instead",
        ["SendGrid:SandboxMode"] = "false: deliver",
        ["SendGrid:Host"] = "SendGrid's own API host",
        ["KeyVault:CacheSeconds"] = "300 s: a rotated secret is used within five minutes",
        ["Mail:SecureDomains"] = "the shipped list of secure domains (police, CJSM, government, NHS, justice)",
        ["Mail:AllowExampleDomains"] = "set from the host environment after binding (Development only), whatever the setting",
        ["Mail:DefaultSecureDomains"] = "not a setting: computed (the configuration binder only looks at it)",
        ["Mail:EffectiveDomains"] = "not a setting: computed from SecureDomains",
        ["Referrals:Eligibility"] = "not a setting: computed from DyoAssetThreshold",
        ["Panels"] = "the shipped panels (panels.json); a partnership changes them through the members API",
        ["Releases:Signing"] = "no prison or relay key until the partnership adds one (docs/deploy.md, \"Adding a prison key\"); until then signed release notifications get 401 and health shows release-intake degraded",
        ["Referrals:DyoAssetThreshold"] = "the terms of reference's threshold",
        ["Referrals:CutoffWorkingDays"] = "the terms of reference's 10 working days",
        ["Retention:WithdrawnReferralDays"] = "the retention schedule",
        ["Retention:DeclinedReferralDays"] = "the retention schedule",
        ["RateLimits:PermitsPerMinute"] = "30 a minute per caller",
        ["Http:RequestTimeout"] = "30 s, under the platform's 230 s",
        ["Http:BodyReadTimeout"] = "10 s",
        ["NationalEvents:MaxMessagesPerRun"] = "20 a run (a minute), handled inside the queue's 5-minute lock and the function timeout even when the store fails",
        ["Performance:Ni30"] = "not a setting: the section of the NI 30 figures, each of which the Bicep sets (empty: not measured)",
        ["Wards"] = "the shipped wards (wards.json, Richmond upon Thames with placeholder codes); a partnership replaces the file for its area (docs/deploy.md)",
        ["Agencies"] = "the shipped partner agencies (agencies.json, codes the identity provider's agency claim carries); a partnership replaces the file for its own (docs/deploy.md)",
        ["Performance:Targets"] = "none until the strategic group sets them (README, docs/performance-dashboard.md): a measure without one is drawn without a target line",
    };

    /// <summary>Settings read by the Functions host or the Azure SDK, not bound by the app's own options.</summary>
    private static readonly string[] HostSettingPrefixes =
        ["AzureWebJobsStorage__", "APPLICATIONINSIGHTS_", "AZURE_CLIENT_ID"];

    /// <summary>Set by the platform, never by us (App Service Authentication's flag among them).</summary>
    private static readonly string[] PlatformSettingPrefixes = ["WEBSITE_", "AZURE_FUNCTIONS_", "FUNCTIONS_", "CONTAINER_"];

    [Fact]
    public async Task Every_setting_the_azure_worker_reads_is_set_by_the_bicep_or_its_default_is_right_in_azure()
    {
        var settings = await BicepAppSettingsAsync();
        var read = await ReadByAzureWorkerAsync(settings);

        var unset = read
            .Where(key => !settings.ContainsKey(key.Replace(":", "__", StringComparison.Ordinal)))
            .Where(key => !IsDefaulted(key) && !PlatformSettingPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        unset.ShouldBeEmpty("the worker reads these settings, which infra/main.bicep does not set: set them, or add them to DefaultedInAzure with why the default is right");
        read.ShouldContain("App:PublicBaseUrl", "the recording saw the options being bound");
    }

    [Fact]
    public async Task Every_setting_the_bicep_writes_is_one_the_app_or_the_functions_host_reads()
    {
        var settings = await BicepAppSettingsAsync();
        var read = await ReadByAzureWorkerAsync(settings);

        var unread = settings.Keys
            .Where(name => !HostSettingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Where(name => !read.Contains(name.Replace("__", ":", StringComparison.Ordinal)))
            .ToList();

        unread.ShouldBeEmpty("infra/main.bicep sets these app settings, which nothing reads (a typo, or a removed option)");
    }

    [Fact]
    public async Task Every_storage_queue_the_code_sends_to_or_triggers_on_is_declared_with_its_poison_twin()
    {
        var template = await BicepTests.CompiledAsync();
        var declared = template.GetProperty("variables").GetProperty("queueNames").EnumerateArray().Select(q => q.GetString()!).ToList();

        declared.ShouldBe(QueuesTheCodeUses(), ignoreOrder: true);
        var poison = BicepTests.Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/queueServices/queues"
                                                                && r.GetProperty("name").GetString()!.Contains("-poison", StringComparison.Ordinal));
        poison.GetProperty("copy").GetProperty("count").GetString().ShouldBe("[length(variables('queueNames'))]");
    }

    [Fact]
    public void The_queue_scan_finds_the_triggers_and_the_queues_only_sent_to()
    {
        var queues = QueuesTheCodeUses();

        queues.ShouldContain(Iom.Application.Mail.OutgoingMail.QueueName);
        queues.ShouldContain(Iom.Application.Releases.ReleaseQueues.NationalEvents);
        queues.ShouldNotContain(q => q.EndsWith(Iom.Application.Ports.Queues.QueueNames.PoisonSuffix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_secret_the_code_reads_is_a_declared_key_vault_secret_and_the_app_may_read_the_vault()
    {
        var template = await BicepTests.CompiledAsync();
        var declared = template.GetProperty("variables").GetProperty("secretNames").EnumerateArray().Select(s => s.GetString()!).ToList();

        declared.ShouldBe(SecretsTheCodeReads(), ignoreOrder: true);
        SecretsTheCodeReads().ShouldContain(Iom.Application.Ports.Secrets.SecretNames.LinksSigningKey);
        var settings = await BicepAppSettingsAsync();
        settings["Secrets__Provider"].ShouldBe("KeyVault");
        RoleAssignments(template).ShouldContain(a => a.Scope.Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal) && a.Role.Contains("keyVaultSecretsUser", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_events_topic_is_the_one_the_publisher_sends_to_with_duplicate_detection_and_agency_filters_on_its_event_type()
    {
        var template = await BicepTests.CompiledAsync();
        var resources = BicepTests.Resources(template).ToList();
        var topicName = template.GetProperty("variables").GetProperty("topicName").GetString();

        topicName.ShouldBe(new Iom.Adapters.ServiceBus.ServiceBusPublisherOptions().TopicName);
        var topic = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.ServiceBus/namespaces/topics");
        topic.GetProperty("properties").GetProperty("requiresDuplicateDetection").GetBoolean().ShouldBeTrue();
        (await BicepAppSettingsAsync())["ServiceBus__TopicName"].ShouldContain("topicName");
        var filter = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules");
        filter.GetProperty("properties").GetProperty("sqlFilter").GetProperty("sqlExpression").GetString()!
            .ShouldStartWith($"[format('{Iom.Adapters.ServiceBus.ServiceBusIntegrationEventPublisher.EventTypeProperty} IN (");
    }

    [Fact]
    public async Task The_national_events_queue_is_declared_on_service_bus_and_the_app_drains_it_with_a_receive_only_role_on_it_alone()
    {
        var template = await BicepTests.CompiledAsync();
        var resources = BicepTests.Resources(template).ToList();
        var queueName = template.GetProperty("variables").GetProperty("nationalEventsQueueName").GetString();

        // The same name as the storage queue the local host and a storage relay use: one name for one door.
        queueName.ShouldBe(Iom.Application.Releases.ReleaseQueues.NationalEvents);
        var settings = await BicepAppSettingsAsync();
        settings["NationalEvents__ServiceBusQueue"].ShouldContain("nationalEventsQueueName");
        var read = await ReadByAzureWorkerAsync(settings);
        read.ShouldContain("NationalEvents:ServiceBusQueue");

        // Poison is never retried for ever: dead-lettered after a bounded number of deliveries, or on expiry.
        var queue = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.ServiceBus/namespaces/queues").GetProperty("properties");
        queue.GetProperty("maxDeliveryCount").GetInt32().ShouldBeInRange(2, 20);
        queue.GetProperty("deadLetteringOnMessageExpiration").GetBoolean().ShouldBeTrue();
        System.Xml.XmlConvert.ToTimeSpan(queue.GetProperty("lockDuration").GetString()!).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
        resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.ServiceBus/namespaces").GetProperty("properties").GetProperty("disableLocalAuth").GetBoolean().ShouldBeTrue();

        // The app's identity: Data Receiver on this queue and nothing wider; Data Sender on the topic only.
        var identityRoles = RoleAssignmentsOf(template, "[reference('identity').principalId]");
        var receiving = identityRoles.Where(a => a.Role.Contains("serviceBusDataReceiver", StringComparison.Ordinal)).ShouldHaveSingleItem();
        receiving.Scope.ShouldStartWith("[resourceId('Microsoft.ServiceBus/namespaces/queues'");
        receiving.Scope.ShouldContain("variables('nationalEventsQueueName')");
        identityRoles.Where(a => a.Role.Contains("serviceBusDataSender", StringComparison.Ordinal)).ShouldHaveSingleItem().Scope
            .ShouldStartWith("[resourceId('Microsoft.ServiceBus/namespaces/topics'");
        identityRoles.ShouldNotContain(a => a.Scope.StartsWith("[resourceId('Microsoft.ServiceBus/namespaces',", StringComparison.Ordinal));
        // The relay may only send to it.
        RoleAssignmentsOf(template, "[parameters('nationalEventsSenderPrincipalId')]").ShouldHaveSingleItem().Role.ShouldContain("serviceBusDataSender");
    }

    [Fact]
    public async Task The_bicep_deploys_the_container_definitions_into_the_database_the_app_is_told_to_use()
    {
        var template = await BicepTests.CompiledAsync();

        template.GetProperty("variables").GetProperty("databaseName").GetString().ShouldBe(new Iom.Adapters.Cosmos.CosmosOptions().DatabaseName);
        BicepTests.Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")
            .GetProperty("copy").GetProperty("count").GetString().ShouldBe("[length(variables('containerDefinitions'))]");
        (await BicepAppSettingsAsync())["Cosmos__AccountEndpoint"].ShouldContain("documentEndpoint");
    }

    [Fact]
    public void Every_role_the_code_declares_is_an_app_role_of_the_registration_and_no_other()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "infra", "app-roles.json")));
        var appRoles = file.RootElement.EnumerateArray().ToList();
        var declared = FunctionCatalog.ForApp().Http.SelectMany(f => f.Policy?.Roles ?? new HashSet<string>()).Concat(Roles.All).ToHashSet(StringComparer.Ordinal);

        appRoles.Select(r => r.GetProperty("value").GetString()).ShouldBe(declared, ignoreOrder: true);
        appRoles.Select(r => r.GetProperty("id").GetString()).Distinct().Count().ShouldBe(appRoles.Count);
        appRoles.ShouldAllBe(r => r.GetProperty("isEnabled").GetBoolean());
    }

    [Fact]
    public void Every_alert_watches_functions_the_app_has_and_messages_the_app_logs()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "infra", "alerts.json")));
        var alerts = file.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        var functions = FunctionCatalog.ForApp().Http.Select(f => f.Name)
            .Concat(FunctionCatalog.ForApp().Queues.Select(f => f.Name))
            .Concat(FunctionCatalog.ForApp().Timers.Select(f => f.Name)).ToHashSet(StringComparer.Ordinal);
        var logged = LogMessageTemplates();

        alerts.Select(a => a.GetProperty("name").GetString()).ShouldBe(
            ["poison-messages", "failed-circulations", "release-alerts-unacknowledged", "audit-chain-broken"], ignoreOrder: true);
        foreach (var alert in alerts)
        {
            var query = alert.GetProperty("query").GetString()!;
            foreach (var function in alert.GetProperty("functions").EnumerateArray().Select(f => f.GetString()!))
            {
                functions.ShouldContain(function, $"alert {alert.GetProperty("name")} watches a function the app does not have");
                query.ShouldContain($"'{function}'");
            }

            foreach (var marker in alert.GetProperty("appLogMarkers").EnumerateArray().Select(m => m.GetString()!))
            {
                logged.ShouldContain(t => t.Contains(marker, StringComparison.Ordinal), $"alert {alert.GetProperty("name")} waits for '{marker}', which the app never logs");
                query.ShouldContain($"'{marker}'");
            }
        }
    }

    [Fact]
    public async Task The_azd_parameters_file_gives_every_parameter_without_a_default_and_only_parameters_the_template_has()
    {
        var parameters = (await BicepTests.CompiledAsync()).GetProperty("parameters").EnumerateObject().ToList();
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "infra", "main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        given.ShouldBeSubsetOf(parameters.Select(p => p.Name));
        parameters.Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name).ShouldBeSubsetOf(given);
    }

    [Fact]
    public void The_azd_project_deploys_the_function_app_project_and_its_hooks_exist()
    {
        var root = RepoRoot.Find();
        var azure = File.ReadAllLines(Path.Combine(root, "azure.yaml"));

        azure.ShouldContain("    project: src/Iom.Functions");
        azure.ShouldContain("    host: function");
        azure.ShouldContain("  path: infra");
        File.Exists(Path.Combine(root, "src", "Iom.Functions", "Iom.Functions.csproj")).ShouldBeTrue();
        foreach (var hook in azure.Select(l => l.Trim()).Where(l => l.StartsWith("run: ", StringComparison.Ordinal)).Select(l => l["run: ".Length..]))
        {
            var script = Path.Combine(root, hook);
            File.Exists(script).ShouldBeTrue(hook);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue($"{hook} is not executable");
            }
        }
    }

    private static bool IsDefaulted(string key) =>
        DefaultedInAzure.Keys.Any(k => key.Equals(k, StringComparison.OrdinalIgnoreCase) || key.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Bicep's app settings, name → value as compiled (literals, or ARM expressions).</summary>
    private static async Task<Dictionary<string, string>> BicepAppSettingsAsync()
    {
        var site = BicepTests.Resources(await BicepTests.CompiledAsync()).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        return site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Starts the Azure worker's composition on the Bicep's settings (an ARM expression stands in as a value of its
    /// kind) and records every key it reads: every option value, every function class, every health check.
    /// </summary>
    private static async Task<HashSet<string>> ReadByAzureWorkerAsync(Dictionary<string, string> bicepSettings)
    {
        var values = bicepSettings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)StandIn(s.Key, s.Value));
        var recorder = new RecordingSource(values);
        var configuration = new ConfigurationBuilder().AddShippedDefaults().Add(recorder).Build();
        var environment = new AzureEnvironment();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddIomFunctions(configuration, environment);
        // The Service Bus publisher owns an AMQP client: the container is disposed asynchronously, as the host does.
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        foreach (var optionsType in services.Select(d => d.ServiceType)
                     .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
                     .Select(t => t.GetGenericArguments()[0]).Distinct())
        {
            var options = scope.ServiceProvider.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType));
            _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
        }

        var catalog = FunctionCatalog.ForApp();
        foreach (var type in catalog.Http.Select(f => f.Method.DeclaringType!).Concat(catalog.Queues.Select(f => f.Method.DeclaringType!))
                     .Concat(catalog.Timers.Select(f => f.Method.DeclaringType!)).Distinct())
        {
            ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        }

        // Keys of the shipped defaults are read as a section's children; what the code asks for by name is what counts.
        return recorder.Provider.Read.Where(k => k.Contains(':', StringComparison.Ordinal) || values.ContainsKey(k) || IsDefaulted(k))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A value of the right kind for an ARM expression (resolved only in Azure).</summary>
    private static string StandIn(string name, string value) =>
        !value.StartsWith('[') ? value
        // NI 30's figures are numbers or empty (not measured): empty passes the start-up check.
        : name.StartsWith("Performance__Ni30__", StringComparison.Ordinal) ? ""
        : name.EndsWith("EventWebhookPublicKey", StringComparison.Ordinal) ? ""
        : name.EndsWith("Email", StringComparison.Ordinal) ? "iom@richmond.gov.uk"
        : name.EndsWith("Uri", StringComparison.Ordinal) || name.EndsWith("Url", StringComparison.Ordinal) || name.EndsWith("Endpoint", StringComparison.Ordinal) ? "https://iom.example.net/"
        : name.EndsWith("Namespace", StringComparison.Ordinal) ? "iom-sb.servicebus.windows.net"
        : "stand-in";

    /// <summary>Queue names in the code: every queue trigger, and every constant of a *Queues class or named *QueueName.</summary>
    private static List<string> QueuesTheCodeUses() =>
        FunctionCatalog.ForApp().Queues.Select(f => f.QueueName)
            .Concat(Constants(f => f.DeclaringType!.Name.EndsWith("Queues", StringComparison.Ordinal) || f.Name.EndsWith("QueueName", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Secret names in the code: every constant of a class named *SecretNames.</summary>
    private static List<string> SecretsTheCodeReads() =>
        Constants(f => f.DeclaringType!.Name.EndsWith("SecretNames", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Constants(Func<FieldInfo, bool> which) =>
        AppAssemblies().SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && which(f))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static List<string> LogMessageTemplates() =>
        AppAssemblies().SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()?.Message)
            .OfType<string>().ToList();

    /// <summary>The function app and every Iom.* assembly it references, loaded.</summary>
    private static List<Assembly> AppAssemblies()
    {
        var app = typeof(FunctionCatalog).Assembly;
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal) { [app.GetName().Name!] = app };
        var pending = new Queue<Assembly>([app]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("Iom.", StringComparison.Ordinal) && !found.ContainsKey(r.Name)))
            {
                var loaded = Assembly.Load(reference);
                found[reference.Name!] = loaded;
                pending.Enqueue(loaded);
            }
        }

        return [.. found.Values];
    }

    private static List<(string Scope, string Role)> RoleAssignmentsOf(JsonElement template, string principalId) =>
        [.. BicepTests.Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Where(r => r.GetProperty("properties").GetProperty("principalId").GetString() == principalId)
            .Select(r => (r.GetProperty("scope").GetString()!, r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!))];

    private static List<(string Scope, string Role)> RoleAssignments(JsonElement template) =>
        [.. BicepTests.Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Select(r => (r.GetProperty("scope").GetString()!, r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!))];

    private sealed class RecordingSource(Dictionary<string, string?> values) : IConfigurationSource
    {
        public RecordingProvider Provider { get; } = new(values);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    /// <summary>The Bicep's settings, noting every key the app asks for, set or not.</summary>
    private sealed class RecordingProvider(Dictionary<string, string?> values) : ConfigurationProvider
    {
        public HashSet<string> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Load() => Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);

        public override bool TryGet(string key, out string? value)
        {
            lock (Read)
            {
                Read.Add(key);
            }

            return base.TryGet(key, out value);
        }
    }

    private sealed class AzureEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Iom.Functions";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
