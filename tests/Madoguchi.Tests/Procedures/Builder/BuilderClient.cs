using System.Net;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Procedures.Builder;

/// <summary>A member of staff using the form builder the way a browser without JavaScript does:
/// every action is a form of the editor page, posted with the page's antiforgery token and version.</summary>
public sealed class BuilderClient(HttpClient client, string code, string key)
{
    public HttpClient Http => client;
    public string EditUrl => $"/{code}/staff/builder/{key}";

    public Task<Page> EditorAsync() => client.GetPageAsync(EditUrl);

    /// <summary>Posts the form of the editor matched by <paramref name="selector"/> and expects the post-back redirect.</summary>
    public async Task ActAsync(string selector, Dictionary<string, string> fields)
    {
        var response = await PostAsync(await EditorAsync(), selector, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{selector} answered {(int)response.StatusCode}: {Html.Parse(body).QuerySelector(".error-summary")?.TextContent}");
    }

    public Task<HttpResponseMessage> PostAsync(Page page, string selector, Dictionary<string, string> fields) =>
        client.SubmitAsync(page, fields, selector);

    public Task AddPageAsync(string title) =>
        ActAsync("form[action*='handler=AddPage']", new() { ["title"] = title });

    public Task AddFieldAsync(int page, int section, string widget, string label, string key, string choices = "") =>
        ActAsync($"#page-{page} section.builder-section:nth-of-type({section + 1}) > details.builder-add form[action*='handler=AddField']",
            new() { ["widget"] = widget, ["label"] = label, ["fieldKey"] = key, ["choices"] = choices });

    public Task AddGroupFieldAsync(string group, string widget, string label, string key) =>
        ActAsync($"#field-{group.Replace('.', '-')} .builder-group form[action*='handler=AddField']",
            new() { ["widget"] = widget, ["label"] = label, ["fieldKey"] = key });

    /// <summary>Saves the field page of <paramref name="at"/> with the given inputs over what it shows.</summary>
    public async Task EditFieldAsync(string at, Dictionary<string, string> fields)
    {
        var response = await client.SubmitAsync($"{EditUrl}/fields/{at}", fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"field {at} answered {(int)response.StatusCode}: {Html.Parse(body).QuerySelector(".error-summary")?.TextContent}");
    }
}
