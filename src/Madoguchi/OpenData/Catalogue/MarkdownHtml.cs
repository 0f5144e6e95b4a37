using Ganss.Xss;
using Markdig;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// Dataset descriptions are Markdown written by staff; what reaches a resident's browser is the
/// rendered HTML with everything but plain formatting removed (no script, no event handlers, no
/// javascript: links), so a pasted snippet can never run.
/// </summary>
public static partial class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().UsePipeTables().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener nofollow");
            }
        };
        return sanitizer;
    }

    public static string Render(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Sanitizer.Sanitize(ShiftHeadings(Markdown.ToHtml(markdown, Pipeline)));

    // The page has its own h1 (the dataset title); the description's headings sit one level below.
    private static string ShiftHeadings(string html) =>
        Heading().Replace(html, m => $"<{m.Groups[1].Value}h{Math.Min(6, m.Groups[2].Value[0] - '0' + 1)}");

    [System.Text.RegularExpressions.GeneratedRegex("<(/?)h([1-6])")]
    private static partial System.Text.RegularExpressions.Regex Heading();

    /// <summary>Plain text (for lists, CKAN notes stay Markdown).</summary>
    public static string Plain(string? markdown, int max = 160)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var text = Markdown.ToPlainText(markdown, Pipeline).ReplaceLineEndings(" ").Trim();
        return text.Length <= max ? text : text[..max] + "…";
    }
}
