using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Iom.Application.Ports.Rendering;

namespace Iom.Functions.Rendering;

/// <summary>
/// Renders every page and e-mail, for every flow, from the Handlebars templates embedded in this assembly
/// (<c>Templates/Pages/…</c>, <c>Templates/Mail/…</c>). A template's name is its path under Templates without
/// <c>.hbs</c>; a file name starting with <c>_</c> is a partial, called by that file name without the <c>_</c>.
/// In HTML templates Handlebars encodes every value, and none writes one raw (a test renders every template with
/// hostile values and a triple-stash fails it). An e-mail's <c>.text</c> and <c>.subject</c> templates are plain text:
/// rendered without HTML encoding, and the subject is made one line whatever its values hold.
/// </summary>
/// <remarks>
/// Handlebars.Net 2.4.3 writes a partial called on an indented line of its own (<c>"  {{> input}}"</c>, which it
/// re-indents line by line) without encoding its values. The indentation in front of a partial call is therefore
/// taken out of every template before it is compiled, so encoding never depends on how a template is laid out.
/// The renderer lives here, behind a port, rather than in the application layer: templates are presentation, kept
/// with the pages they share a layout with, while use cases only name a template and hand it a model of their own.
/// </remarks>
public sealed partial class HandlebarsTemplateRenderer : ITemplateRenderer
{
    internal const string ResourcePrefix = "templates/";

    private static readonly string[] TextSuffixes = [".text", ".subject"];

    private readonly IHandlebars html = Handlebars.Create();
    private readonly IHandlebars text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> templates = new(StringComparer.Ordinal);

    public HandlebarsTemplateRenderer()
    {
        var assembly = typeof(HandlebarsTemplateRenderer).Assembly;
        var partials = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..].Replace('\\', '/')[..^".hbs".Length];
            var fileName = name[(name.LastIndexOf('/') + 1)..];
            var source = Read(assembly, resource);
            if (fileName.StartsWith('_'))
            {
                var partial = fileName[1..];
                if (!partials.Add(partial))
                {
                    throw new InvalidOperationException($"Two templates define the partial {partial}; partial names are shared by every template.");
                }

                html.RegisterTemplate(partial, WithoutPartialIndentation(source));
                // Called as a block, so a partial that wraps one (a layout) has a block to wrap.
                templates[name] = Compile(html, $"{{{{#> {partial}}}}}{{{{this}}}}{{{{/{partial}}}}}");
            }
            else
            {
                templates[name] = Compile(IsText(name) ? text : html, source);
            }
        }
    }

    public string RenderHtml(string templateName, object model)
    {
        if (IsText(templateName) || IsPartial(templateName) || !templates.TryGetValue(templateName, out var render))
        {
            throw new InvalidOperationException($"There is no HTML template {templateName}.");
        }

        return render(model);
    }

    public RenderedMail RenderMail(string templateName, object model)
    {
        HandlebarsTemplate<object, object> Part(string suffix) =>
            templates.GetValueOrDefault(templateName + suffix) ?? throw new InvalidOperationException($"The e-mail {templateName} has no {suffix} template.");

        return new RenderedMail(OneLine(Part(".subject")(model)), Part(".text")(model), Part(".html")(model));
    }

    /// <summary>The name of every template (its path under Templates without extension).</summary>
    internal IReadOnlyCollection<string> TemplateNames => templates.Keys;

    /// <summary>Whether a template writes plain text (no HTML encoding): an e-mail's subject or text part.</summary>
    internal static bool IsText(string template) => TextSuffixes.Any(s => template.EndsWith(s, StringComparison.Ordinal));

    /// <summary>The e-mails: every name with a <c>.subject</c> template, without the suffix.</summary>
    internal IEnumerable<string> MailNames => templates.Keys.Where(n => n.EndsWith(".subject", StringComparison.Ordinal)).Select(n => n[..^".subject".Length]);

    /// <summary>One template, page, partial or text, with <paramref name="model"/> as its whole context (for tests).</summary>
    internal string RenderTemplate(string name, object model) => templates[name](model);

    /// <summary>An HTML template given as text, compiled as the embedded ones are (for tests).</summary>
    internal string RenderText(string template, object model) => Compile(html, template)(model);

    /// <summary>
    /// A subject is one header line: every line break or other control character becomes a space, so no value can
    /// end the header and start another (the mail adapters encode and fold what is left).
    /// </summary>
    internal static string OneLine(string value)
    {
        var line = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!blank)
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[^1] != ' ')
            {
                line.Append(' ');
            }
        }

        return line.ToString().TrimEnd();
    }

    private static bool IsPartial(string template) => template[(template.LastIndexOf('/') + 1)..].StartsWith('_');

    private static HandlebarsTemplate<object, object> Compile(IHandlebars engine, string source) => engine.Compile(WithoutPartialIndentation(source));

    private static string WithoutPartialIndentation(string source) => IndentedPartialCall().Replace(source, "");

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Spaces or tabs at the start of a line, before "{{>" or "{{#>" (with or without "~").
    [GeneratedRegex(@"^[ \t]+(?=\{\{~?\s*#?\s*>)", RegexOptions.Multiline)]
    private static partial Regex IndentedPartialCall();
}
