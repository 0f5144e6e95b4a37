using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Procedures.Templates;

namespace Madoguchi.Tests.Procedures.Forms;

public sealed class FormValidationTests
{
    private static readonly ProcedureTemplate ChildAllowance = TemplateLibrary.Embedded.Find("jidou-teate-nintei")!;

    [Fact]
    public void ForPage_keeps_only_the_errors_of_the_fields_on_that_page()
    {
        var data = new JsonObject { ["claimant"] = new JsonObject { ["name"] = "山田 太郎" } };

        var whole = FormValidation.Whole(ChildAllowance, data);
        Assert.Contains(whole, e => e.Pointer == "/children");
        Assert.Contains(whole, e => e.Pointer == "/consentRecordCheck");

        var first = FormValidation.ForPage(ChildAllowance, 0, data);
        Assert.Contains(first, e => e.Pointer == "/claimant/nameKana");
        Assert.Contains(new FormError("/claimant/address", "この項目は必須です。"), first);
        Assert.DoesNotContain(first, e => e.Pointer == "/claimant/name");
        Assert.All(first, e => Assert.True(e.Pointer.StartsWith("/claimant/", StringComparison.Ordinal) || e.Pointer.StartsWith("/spouse", StringComparison.Ordinal) || e.Pointer == "/hasSpouse", e.Pointer));

        var second = FormValidation.ForPage(ChildAllowance, 1, data);
        Assert.Contains(second, e => e.Pointer == "/children");
        Assert.DoesNotContain(second, e => e.Pointer.StartsWith("/claimant", StringComparison.Ordinal));
    }

    [Fact]
    public void ForPage_reports_errors_inside_repeat_items()
    {
        var data = JsonNode.Parse("""{ "children": [ { "name": "山田 花子", "nameKana": "やまだ" } ] }""");
        var errors = FormValidation.ForPage(ChildAllowance, 1, data);
        Assert.Contains(new FormError("/children/0/nameKana", "カタカナで入力してください。"), errors);
        Assert.Contains(errors, e => e.Pointer == "/children/0/birthDate");
    }

    [Fact]
    public void A_complete_sample_application_passes_the_whole_check()
    {
        var sample = JsonNode.Parse(SampleApplications.For("jidou-teate-nintei"));
        Assert.Empty(FormValidation.Whole(ChildAllowance, sample));
        for (var page = 0; page < ChildAllowance.Layout.Pages.Count; page++)
        {
            Assert.Empty(FormValidation.ForPage(ChildAllowance, page, sample));
        }
    }

    [Fact]
    public void Posting_a_rendered_page_back_binds_to_data_the_schema_accepts()
    {
        // The sample rendered, read back as a browser without JavaScript would post it, and bound again.
        var template = TemplateLibrary.Embedded.Find("hoiku-riyou-moushikomi")!;
        var sample = JsonNode.Parse(SampleApplications.For(template.Key))!.AsObject();
        JsonNode data = new JsonObject();
        for (var page = 0; page < template.Layout.Pages.Count; page++)
        {
            var document = Infrastructure.Html.Parse(FormRenderer.RenderPageHtml(template, page, sample));
            var posted = new List<KeyValuePair<string, string>>();
            foreach (var input in document.QuerySelectorAll("input").OfType<IHtmlInputElement>())
            {
                if (input.Type is "file" || (input.Type is "checkbox" or "radio" && !input.IsChecked))
                {
                    continue;
                }

                posted.Add(new(input.Name!, input.Value));
            }

            posted.AddRange(document.QuerySelectorAll("select").OfType<IHtmlSelectElement>().Select(s => new KeyValuePair<string, string>(s.Name!, s.Value ?? "")));
            posted.AddRange(document.QuerySelectorAll("textarea").OfType<IHtmlTextAreaElement>().Select(t => new KeyValuePair<string, string>(t.Name!, t.Value)));
            var result = FormBinder.BindPage(template, page, data, posted);
            Assert.Empty(result.Errors);
            data = result.Data;
        }

        Assert.Empty(FormValidation.Whole(template, data));
        Assert.True(JsonNode.DeepEquals(sample, data), data.ToJsonString());
    }
}

public sealed class FormValidationEmptyGroupTests
{
    [Fact]
    public void An_untouched_page_reports_each_required_field_of_a_missing_group_at_the_field()
    {
        var template = Madoguchi.Procedures.Templates.TemplateLibrary.Embedded.Find("risai-shoumei")!;
        var errors = Madoguchi.Procedures.Forms.FormValidation.ForPage(template, 0, new System.Text.Json.Nodes.JsonObject());
        var pointers = errors.Select(e => e.Pointer).ToHashSet();
        Assert.Contains("/applicant/name", pointers);
        Assert.Contains("/applicant/phone", pointers);
        Assert.Contains("/relationship", pointers);
        Assert.DoesNotContain("/applicant", pointers);
        // An optional group (世帯主, only for someone else's household) stays quiet.
        Assert.DoesNotContain(pointers, p => p.StartsWith("/householdHead", StringComparison.Ordinal));
    }
}
