using System.ComponentModel.DataAnnotations;
using System.Data.Common;

namespace Iom.Adapters.Cosmos;

/// <summary>Configuration section "Cosmos". Give exactly one of <see cref="AccountEndpoint"/> and <see cref="ConnectionString"/>.</summary>
public sealed class CosmosOptions
{
    public const string SectionName = "Cosmos";

    /// <summary>The account endpoint, reached with managed identity (DefaultAzureCredential). Used in Azure.</summary>
    public Uri? AccountEndpoint { get; set; }

    /// <summary>"AccountEndpoint=...;AccountKey=...;": for local servers and live tests.</summary>
    public string? ConnectionString { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string DatabaseName { get; set; } = "iom";

    /// <summary>Create the database and containers on first use. Off in Azure, where Bicep creates them.</summary>
    public bool CreateResourcesIfNotExists { get; set; }

    /// <summary>Trust a self-signed certificate; refused unless the endpoint is a loopback address (a local server).</summary>
    public bool AcceptSelfSignedCertificate { get; set; }

    /// <summary>The endpoint, whichever way it was given; null when neither (or an unparsable connection string) was.</summary>
    internal Uri? Endpoint
    {
        get
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                return AccountEndpoint;
            }

            var parts = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
            return parts.TryGetValue("AccountEndpoint", out var value) && Uri.TryCreate(value as string, UriKind.Absolute, out var uri) ? uri : null;
        }
    }
}
