using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Madoguchi.Platform.Shell;

/// <summary>
/// <c>&lt;field for="Input.Email" label="メールアドレス" type="email" /&gt;</c>: a labelled input with
/// its hint and its error message next to it, wired for screen readers (aria-invalid,
/// aria-describedby), so every form reports bad input the same way.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder, Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> l) : TagHelper
{
    [HtmlAttributeName("for")]
    public required Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; }

    public required string Label { get; set; }
    public string Type { get; set; } = "text";
    public string? Hint { get; set; }
    public string? Autocomplete { get; set; }
    public bool Required { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
        var value = Type == "password" ? "" : state?.AttemptedValue ?? Convert.ToString(For.Model, System.Globalization.CultureInfo.CurrentCulture) ?? "";

        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append($"<div class=\"field\"><label for=\"{id}\">{E(Label)}{(Required ? " <span class=\"required\">" + E(l["必須"]) + "</span>" : "")}</label>");
        if (Hint is not null)
        {
            html.Append($"<span class=\"hint\" id=\"{id}-hint\">{E(Hint)}</span>");
            describedBy.Add(id + "-hint");
        }

        if (errors.Count > 0)
        {
            html.Append($"<span class=\"field-error\" id=\"{id}-error\">{E(string.Join(" ", errors))}</span>");
            describedBy.Add(id + "-error");
        }

        html.Append($"<input id=\"{id}\" name=\"{E(name)}\" type=\"{E(Type)}\" value=\"{E(value)}\"");
        if (Autocomplete is not null)
        {
            html.Append($" autocomplete=\"{E(Autocomplete)}\"");
        }

        if (Required)
        {
            html.Append(" aria-required=\"true\"");
        }

        if (errors.Count > 0)
        {
            html.Append(" aria-invalid=\"true\"");
        }

        if (describedBy.Count > 0)
        {
            html.Append($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        }

        html.Append("></div>");
        output.TagName = null;
        output.Content.SetHtmlContent(html.ToString());
    }

    private string E(string s) => encoder.Encode(s);
}
