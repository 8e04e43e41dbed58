namespace Iom.Application.Ports.Rendering;

/// <summary>An e-mail's content: a one-line subject, a plain-text body and the same in HTML (sent as alternatives).</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);
