using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Madoguchi.Tests.Infrastructure;

/// <summary>A fetched page: where it came from and its parsed document.</summary>
public sealed record Page(string Url, IHtmlDocument Document, string Body)
{
    public string Text => Document.Body?.TextContent ?? "";
}

/// <summary>Reads pages and submits their forms the way a browser without JavaScript would.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<Page> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        return new Page(url, Parser.ParseDocument(body), body);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url,
        IDictionary<string, string> fields, string formSelector = "main form", string? submitName = null) =>
        await client.SubmitAsync(await client.GetPageAsync(url), fields, formSelector, submitName);

    /// <summary>
    /// Posts the form matching <paramref name="formSelector"/> with its current values overridden by
    /// <paramref name="fields"/>, the antiforgery token included as the page rendered it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, Page page,
        IDictionary<string, string> fields, string formSelector = "main form", string? submitName = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches '{formSelector}' on {page.Url}.");
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(FormValues(form, fields, submitName)));
    }

    private static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form, IDictionary<string, string> fields, string? submitName)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || input.Type is "submit" or "button" or "file"
                || (input.Type is "checkbox" or "radio" && !input.IsChecked))
            {
                continue;
            }

            values.Add(new(input.Name, input.Value));
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)))
        {
            values.Add(new(select.Name!, select.Value ?? ""));
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(s => !string.IsNullOrEmpty(s.Name)))
        {
            values.Add(new(area.Name!, area.Value));
        }

        foreach (var (key, value) in fields)
        {
            values.RemoveAll(v => v.Key == key);
            values.Add(new(key, value));
        }

        if (submitName is not null)
        {
            values.Add(new(submitName, ""));
        }

        return values;
    }
}
