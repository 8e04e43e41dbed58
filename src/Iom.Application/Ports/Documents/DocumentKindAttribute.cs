namespace Iom.Application.Ports.Documents;

/// <summary>Names the kind of a document type, stored in the envelope; renaming a class must not orphan data.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class DocumentKindAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
