namespace Iom.Application.Ports.Documents;

public abstract class DocumentStoreException(string message, Exception? inner = null) : Exception(message, inner);
