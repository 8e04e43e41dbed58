using Iom.Functions.Composition;
using Iom.Functions.Http;
using Iom.LocalHost.Hosting;
using Iom.LocalHost.Identity;

namespace Iom.LocalHost;

/// <summary>
/// Runs the Functions app's own function classes on Kestrel, without the Functions host (which cannot be installed
/// here): HTTP functions under /api, queue functions fed by <see cref="QueueDispatcher"/>, timers by
/// <see cref="TimerScheduler"/>, all built from the same service registrations the worker uses.
/// Nothing in this project runs in Azure.
/// </summary>
public static class LocalHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <param name="extraFunctionTypes">Further function classes to host (tests use this for probe functions).</param>
    public static WebApplication Build(string[] args, IEnumerable<Type>? extraFunctionTypes = null, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The local host is a development tool: it runs as Development unless told otherwise.
            EnvironmentName = EnvironmentOf(args),
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Embedded defaults first, so appsettings, environment variables and the command line all override them.
        var defaults = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = LocalDefaults.For(Directory.GetCurrentDirectory()),
        };
        builder.Configuration.Sources.Insert(0, defaults);
        builder.Configuration.AddShippedDefaults();
        // Generated secrets (the key ring's key-encryption key) just above the defaults, so a configured value wins.
        var dataDirectory = builder.Configuration["Sqlite:DataDirectory"] ?? ".data";
        builder.Configuration.Sources.Insert(builder.Configuration.Sources.IndexOf(defaults) + 1,
            new LocalSecretsSource(builder.Environment.ContentRootPath, dataDirectory));
        // The audit anchors sit beside the store they anchor, wherever the data folder is moved to.
        if (string.IsNullOrEmpty(builder.Configuration["AuditAnchors:File"]))
        {
            builder.Configuration["AuditAnchors:File"] = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, dataDirectory, "audit-anchors.jsonl"));
        }
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? DefaultUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBody.MaxBytes);

        var catalog = new FunctionCatalog(typeof(FunctionCatalog).Assembly.GetTypes().Concat(extraFunctionTypes ?? []));
        var services = builder.Services;
        services.AddIomFunctions(builder.Configuration, builder.Environment);
        services.AddDevelopmentFrontEnd(builder.Environment);
        services.AddSingleton(catalog);
        services.AddSingleton(StartClock(builder.Configuration, builder.Environment));
        services.AddMvcCore();
        services.AddAntiforgery();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(QueueDeliveryFrom(builder.Configuration)));
        services.AddHostedService<QueueDispatcher>();
        services.AddHostedService<TimerScheduler>();
        services.AddHostedService<LoopbackAddressCheck>();
        // Ctrl+C stops the host within this, whatever is queued or running: unfinished work stays for the next start.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        overrideServices?.Invoke(services);

        var app = builder.Build();
        RequireLoopback(builder.Configuration["Urls"] ?? DefaultUrl);
        app.UseLastResortProblems();
        app.UseLoopbackHostOnly();
        app.UseStatusProblems();
        app.UseDevelopmentIdentity();
        app.UseRouting();
        app.MapFunctions(catalog);
        app.MapDevelopmentIdentity();
        return app;
    }

    private static string EnvironmentOf(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build()["environment"]
        ?? Environments.Development;

    private static QueueDeliveryOptions QueueDeliveryFrom(IConfiguration configuration)
    {
        // host.json is the source of truth; LocalHost:Queues:* may override it (tests shorten the back-off).
        var options = QueueDeliveryOptions.FromHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
        configuration.GetSection("LocalHost:Queues").Bind(options);
        return options;
    }

    private static TimeProvider StartClock(IConfiguration configuration, IHostEnvironment environment)
    {
        var startAt = configuration["Clock:StartAt"];
        if (string.IsNullOrEmpty(startAt))
        {
            return TimeProvider.System;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException("Clock:StartAt is for development only; it is refused in " + environment.EnvironmentName + ".");
        }

        return new ShiftedTimeProvider(DateTimeOffset.Parse(startAt, System.Globalization.CultureInfo.InvariantCulture), TimeProvider.System);
    }

    // The development identity trusts a cookie or header from the caller: only ever on this machine. Checked again
    // once bound (LoopbackAddressCheck), since Kestrel:Endpoints and other settings can override these URLs.
    private static void RequireLoopback(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var host = new Uri(url.Replace("*", "wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal)).Host;
            if (!LoopbackOnly.IsLoopbackName(host))
            {
                throw new InvalidOperationException($"The local host binds to loopback only; '{url}' is not.");
            }
        }
    }
}
