using Iom.Application.Ports.Documents;

namespace Iom.Functions.Security;

/// <summary>One data-protection key ring entry, kept in the document store.</summary>
[DocumentKind("data-protection-key")]
public sealed record DataProtectionKey(string FriendlyName, string Xml);
