using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Html;

namespace Madoguchi.Procedures.Forms;

/// <summary>
/// Renders one page of a template's layout as server-side HTML that works without JavaScript: every
/// value is posted under its JSON Pointer, repeats add and remove items by posting back, and
/// conditional fields are always shown with a note saying when to fill them. The caller supplies the
/// &lt;form method="post"&gt; (multipart when the page has file fields), the page heading and the
/// buttons; see docs/forms.md, "Rendering and binding".
/// </summary>
public static class FormRenderer
{
    /// <param name="errors">Errors to show next to their fields (from <see cref="FormBinder"/> and
    /// <see cref="FormValidation"/>); they are also listed, linked, in a summary at the top.</param>
    /// <param name="attemptedValues">What the resident typed, by input name, for values the binder could not
    /// store (「abc」 in a number field, an impossible date), so the page shows them again for correction.</param>
    public static IHtmlContent RenderPage(ProcedureTemplate template, int pageIndex, JsonNode? data,
        IEnumerable<FormError>? errors = null, IReadOnlyDictionary<string, string>? attemptedValues = null) =>
        new HtmlString(RenderPageHtml(template, pageIndex, data, errors, attemptedValues));

    public static IHtmlContent RenderPage(ProcedureTemplate template, int pageIndex, JsonElement data,
        IEnumerable<FormError>? errors = null, IReadOnlyDictionary<string, string>? attemptedValues = null) =>
        RenderPage(template, pageIndex, JsonNode.Parse(data.GetRawText()), errors, attemptedValues);

    public static string RenderPageHtml(ProcedureTemplate template, int pageIndex, JsonNode? data,
        IEnumerable<FormError>? errors = null, IReadOnlyDictionary<string, string>? attemptedValues = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageIndex, template.Layout.Pages.Count);
        var writer = new FormPageWriter(template, data, errors ?? [], attemptedValues ?? new Dictionary<string, string>());
        return writer.Write(template.Layout.Pages[pageIndex]);
    }
}
