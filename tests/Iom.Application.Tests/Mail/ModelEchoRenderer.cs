using Iom.Application.Ports.Rendering;

namespace Iom.Application.Tests.Mail;

/// <summary>
/// The rendering port for tests of the mail path without the Functions app's templates: an e-mail's subject, text and
/// HTML are the model's <c>subject</c>, <c>text</c> and <c>html</c> values, and every template asked for is recorded.
/// The Handlebars renderer itself is tested with the real templates in Iom.Functions.Tests.
/// </summary>
public sealed class ModelEchoRenderer : ITemplateRenderer
{
    public List<string> Rendered { get; } = [];

    public string RenderHtml(string templateName, object model) => throw new NotSupportedException("Mail only.");

    public RenderedMail RenderMail(string templateName, object model)
    {
        Rendered.Add(templateName);
        var values = (IReadOnlyDictionary<string, string?>)model;
        return new RenderedMail(values.GetValueOrDefault("subject") ?? templateName, values.GetValueOrDefault("text") ?? "", values.GetValueOrDefault("html") ?? "");
    }
}
