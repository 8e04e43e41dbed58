using System.Dynamic;
using System.Text;
using Iom.Functions.Assets;
using Iom.Functions.Referrals.Form;
using Iom.Functions.Tests.Infrastructure;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// Every template and partial in Templates/ rendered with a hostile string in every value it reads: each must come out
/// HTML-encoded, whatever the template's layout (an indented partial call once went out raw).
/// </summary>
public sealed class PageTemplateEncodingTests
{
    /// <summary>Strings that break out of an element, an attribute (double, single or unquoted) or the template language.</summary>
    public static TheoryData<string> Hostile { get; } = new(
        "\"><script>alert(1)</script>",
        "</textarea><img src=x onerror=alert(1)>",
        "A & B <i>\"q\"</i>",
        "'onmouseover='x",
        "x onfocus=alert(1) autofocus",
        "`-alert(1)-`",
        "{{x}}",
        "{{{x}}}",
        "&lt;already&gt; &amp;",
        "</title><script>alert(1)</script>",
        "javascript:alert(1)");

    private static readonly string TemplatesFolder =
        Path.Combine(RepoRoot.Find(), "src", "Iom.Functions", "Referrals", "Form", "Templates");

    [Fact]
    public void Every_template_file_is_one_the_renderer_knows_so_the_encoding_test_covers_it()
    {
        var files = TemplateFiles();

        files.ShouldNotBeEmpty();
        Renderer().TemplateNames.Order(StringComparer.Ordinal).ShouldBe(files);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Every_template_and_partial_writes_a_hostile_value_only_html_encoded_in_every_field_it_reads(string hostile)
    {
        var renderer = Renderer();
        var encoded = Encoded(hostile);
        encoded.ShouldNotContain("<");
        encoded.ShouldNotContain("\"");
        encoded.ShouldNotContain("'");

        foreach (var name in TemplateFiles())
        {
            var html = renderer.RenderTemplate(name, new Everything(hostile));

            html.ShouldContain(encoded, customMessage: $"{name} did not write the value encoded");
            if (encoded != hostile)
            {
                html.ShouldNotContain(hostile, customMessage: $"{name} wrote the value raw:\n{html}");
            }
        }
    }

    [Theory]
    [InlineData("{{> input field=f}}")]
    [InlineData("  {{> input field=f}}")]
    [InlineData("\t\t{{> input field=f}}")]
    [InlineData("<div>\n    {{> input field=f}}\n</div>")]
    [InlineData("{{#if f}}\n  {{> input field=f}}\n{{/if}}")]
    [InlineData("  {{~> input field=f}}")]
    public void A_partial_encodes_its_values_however_the_call_is_indented(string page)
    {
        var rendered = RenderAdHoc(page, new Everything("\"><script>alert(1)</script>"));
        rendered.ShouldContain("&quot;&gt;&lt;script&gt;");
        rendered.ShouldNotContain("<script>");
    }

    private static PageRenderer Renderer() => new(new StaticAssets(Path.Combine(AppContext.BaseDirectory, StaticAssets.FolderName)));

    private static string RenderAdHoc(string page, object model) => Renderer().RenderText(page, model);

    private static List<string> TemplateFiles() =>
        Directory.EnumerateFiles(TemplatesFolder, "*.hbs")
                 .Select(Path.GetFileNameWithoutExtension)
                 .Select(n => n!)
                 .Order(StringComparer.Ordinal)
                 .ToList();

    /// <summary>What an HTML encoder must turn the value into (Handlebars' own set, which also covers = and `).</summary>
    private static string Encoded(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>
    /// A model that answers every name a template reads, at any depth, with itself: written out, it is the hostile
    /// string; tested with #if it is true; iterated with #each it holds one item. So every value a template or partial
    /// writes, now or after an edit, is the hostile string, without the test knowing the template's fields.
    /// </summary>
    private sealed class Everything(string text) : DynamicObject
    {
        public override bool TryGetMember(GetMemberBinder binder, out object? result)
        {
            result = this;
            return true;
        }

        public override IEnumerable<string> GetDynamicMemberNames() => ["item"];

        public override string ToString() => text;
    }
}
