namespace Iom.Application.Ports.Documents;

public sealed class DocumentPreconditionFailedException(DocumentKey key, Exception? inner = null)
    : DocumentStoreException($"Document {key} was changed by someone else.", inner)
{
    public DocumentKey Key { get; } = key;
}
