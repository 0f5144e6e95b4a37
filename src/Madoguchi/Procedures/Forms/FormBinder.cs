using System.Text.Json.Nodes;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Http;

namespace Madoguchi.Procedures.Forms;

/// <summary>
/// Turns the values posted by one page rendered with <see cref="FormRenderer"/> into the draft's JSON:
/// converts each value to its schema type, normalises what Japanese keyboards type (full-width digits,
/// dashes), converts 和暦 dates to ISO, omits blank fields, applies 「追加」/「削除」 of repeat items and
/// removes fields whose showIf no longer holds. The draft passed in is not changed.
/// </summary>
public static class FormBinder
{
    /// <summary>Button name whose value is the pointer of the list to add an item to.</summary>
    public const string AddCommand = "_add";

    /// <summary>Button name whose value is the pointer of the item to remove.</summary>
    public const string RemoveCommand = "_remove";

    public static FormBindResult BindPage(ProcedureTemplate template, int pageIndex, JsonNode? draft, IFormCollection form) =>
        BindPage(template, pageIndex, draft, form.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))));

    public static FormBindResult BindPage(ProcedureTemplate template, int pageIndex, JsonNode? draft, IEnumerable<KeyValuePair<string, string>> posted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageIndex, template.Layout.Pages.Count);
        var data = draft?.DeepClone() as JsonObject ?? new JsonObject();
        return new FormPageBinder(template, data, posted).Bind(template.Layout.Pages[pageIndex]);
    }
}
