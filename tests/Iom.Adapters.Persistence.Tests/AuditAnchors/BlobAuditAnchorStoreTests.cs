using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Iom.Adapters.Blobs;
using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Application.Ports.AuditAnchors;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.AuditAnchors;

/// <summary>The blob anchor store, through its DI extension, against Azurite's blob service: a container per test.</summary>
public sealed class BlobAuditAnchorStoreTests(AzuriteBlobFixture azurite) : AuditAnchorContract, IClassFixture<AzuriteBlobFixture>
{
    private readonly string container = "anchors-" + Guid.NewGuid().ToString("N")[..12];

    protected override IAuditAnchorStore NewStore() =>
        TestServices.Build(
            new Dictionary<string, string?>
            {
                ["AuditAnchors:ConnectionString"] = azurite.ConnectionString,
                ["AuditAnchors:ContainerName"] = container,
                ["AuditAnchors:CreateContainerIfNotExists"] = "true",
            },
            (services, configuration) => services.AddBlobAuditAnchors(configuration)).GetRequiredService<IAuditAnchorStore>();

    protected override async Task AppendRawAsync(IAuditAnchorStore store, DateTimeOffset day, string text)
    {
        var blob = new BlobContainerClient(azurite.ConnectionString, container)
            .GetAppendBlobClient(string.Create(CultureInfo.InvariantCulture, $"anchors-{day.UtcDateTime:yyyy-MM-dd}.jsonl"));
        await blob.CreateIfNotExistsAsync(cancellationToken: Ct);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await blob.AppendBlockAsync(stream, cancellationToken: Ct);
    }

    [Fact]
    public async Task Anchors_go_into_one_append_blob_a_day()
    {
        var store = NewStore();
        await store.AppendAsync(new AuditAnchor("a1", Day1, [new ChainCheckpoint("p", 1, "m")]), Ct);
        await store.AppendAsync(new AuditAnchor("a2", Day1.AddHours(1), [new ChainCheckpoint("p", 2, "n")]), Ct);

        var blobs = new List<(string Name, Azure.Storage.Blobs.Models.BlobType? Type)>();
        await foreach (var item in new BlobContainerClient(azurite.ConnectionString, container).GetBlobsAsync(cancellationToken: Ct))
        {
            blobs.Add((item.Name, item.Properties.BlobType));
        }

        blobs.ShouldBe([("anchors-2026-12-14.jsonl", Azure.Storage.Blobs.Models.BlobType.Append)]);
    }

    [Fact]
    public void Without_an_account_the_store_is_refused_at_start_up_with_the_setting_named()
    {
        using var services = TestServices.Build(new Dictionary<string, string?>(), (s, configuration) => s.AddBlobAuditAnchors(configuration));

        Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<IAuditAnchorStore>())
            .Message.ShouldContain("AuditAnchors: set exactly one of ConnectionString and ServiceUri");
    }
}
