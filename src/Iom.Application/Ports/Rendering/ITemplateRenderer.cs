namespace Iom.Application.Ports.Rendering;

/// <summary>
/// The one place pages and e-mails are rendered, for every flow, from templates kept together by flow
/// (<c>Templates/Pages/…</c>, <c>Templates/Mail/…</c>). A template reads its values from a model by name; in HTML every
/// value is HTML-encoded, always (no template may write one raw).
/// </summary>
public interface ITemplateRenderer
{
    /// <summary>An HTML template (a page, or part of one), every value encoded.</summary>
    /// <param name="templateName">Its path under Templates without the extension, e.g. <c>Pages/Referrals/confirmation</c>.</param>
    string RenderHtml(string templateName, object model);

    /// <summary>
    /// An e-mail: the <c>.subject</c>, <c>.text</c> and <c>.html</c> templates of <paramref name="templateName"/> (e.g.
    /// <c>Mail/Referrals/acknowledgement</c>). Values are HTML-encoded in the HTML part only; the subject is one line.
    /// </summary>
    RenderedMail RenderMail(string templateName, object model);
}
