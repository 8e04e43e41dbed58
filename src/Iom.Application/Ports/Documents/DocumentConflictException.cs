namespace Iom.Application.Ports.Documents;

public sealed class DocumentConflictException(DocumentKey key, Exception? inner = null)
    : DocumentStoreException($"Document {key} already exists.", inner)
{
    public DocumentKey Key { get; } = key;
}
