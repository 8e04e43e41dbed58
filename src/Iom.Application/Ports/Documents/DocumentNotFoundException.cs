namespace Iom.Application.Ports.Documents;

public sealed class DocumentNotFoundException(DocumentKey key, Exception? inner = null)
    : DocumentStoreException($"Document {key} does not exist.", inner)
{
    public DocumentKey Key { get; } = key;
}
