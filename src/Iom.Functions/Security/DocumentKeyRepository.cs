using System.Xml.Linq;
using Iom.Application.Ports.Documents;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Iom.Functions.Security;

/// <summary>
/// Keeps ASP.NET Core's data-protection key ring (which signs the forms' anti-forgery tokens) in the document store,
/// so every instance of the function app, and every restart, shares one ring: a form rendered by one instance
/// validates on another. The ring is read rarely and cached by ASP.NET, so the synchronous interface is acceptable.
/// </summary>
internal sealed class DocumentKeyRepository(IDocumentStore documents) : IXmlRepository
{
    private const string Partition = "data-protection-keys";

    public IReadOnlyCollection<XElement> GetAllElements() => ReadAllAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        var id = $"key-{string.Concat(friendlyName.Where(char.IsAsciiLetterOrDigit))}-{Guid.NewGuid():N}";
        documents.CreateAsync(new DocumentKey(Containers.Operations, Partition, id), new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)))
                 .GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        var elements = new List<XElement>();
        await foreach (var stored in documents.ReadPartitionAsync<DataProtectionKey>(Containers.Operations, Partition))
        {
            elements.Add(XElement.Parse(stored.Value.Xml));
        }

        return elements;
    }
}
