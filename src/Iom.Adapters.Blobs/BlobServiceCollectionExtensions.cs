using Azure.Identity;
using Azure.Storage.Blobs;
using Iom.Application.Ports.AuditAnchors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Blobs;

public static class BlobServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAuditAnchorStore"/> on the blob container configured in section "AuditAnchors".</summary>
    public static IServiceCollection AddBlobAuditAnchors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BlobAuditAnchorOptions>()
            .Bind(configuration.GetSection(BlobAuditAnchorOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BlobAuditAnchorOptions>, BlobAuditAnchorOptionsValidator>();
        services.AddSingleton(sp => CreateContainer(sp.GetRequiredService<IOptions<BlobAuditAnchorOptions>>().Value));
        services.AddSingleton<IAuditAnchorStore, BlobAuditAnchorStore>();
        return services;
    }

    private static BlobContainerClient CreateContainer(BlobAuditAnchorOptions options)
    {
        var service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ServiceUri, new DefaultAzureCredential())
            : new BlobServiceClient(options.ConnectionString);
        return service.GetBlobContainerClient(options.ContainerName);
    }
}
