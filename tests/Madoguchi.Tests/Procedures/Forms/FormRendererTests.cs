using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Procedures.Forms;

public sealed class FormRendererTests
{
    private static ProcedureTemplate Template(string key) => TemplateLibrary.Embedded.Find(key)!;

    private static IHtmlDocument Render(string key, int page, JsonNode? data = null, IEnumerable<FormError>? errors = null) =>
        Html.Parse("<form method=\"post\">" + FormRenderer.RenderPageHtml(Template(key), page, data, errors) + "</form>");

    public static TheoryData<string, int> EveryPage()
    {
        var pages = new TheoryData<string, int>();
        foreach (var template in TemplateLibrary.Embedded.All)
        {
            for (var i = 0; i < template.Layout.Pages.Count; i++)
            {
                pages.Add(template.Key, i);
            }
        }

        return pages;
    }

    [Fact]
    public void Every_page_of_the_28_templates_is_covered()
    {
        Assert.Equal(29, TemplateLibrary.Embedded.All.Count);
        Assert.True(EveryPage().Count >= 28 * 2);
    }

    [Theory]
    [MemberData(nameof(EveryPage))]
    public void Every_control_on_every_page_has_a_label(string key, int page)
    {
        var document = Render(key, page);
        var controls = document.QuerySelectorAll("input, select, textarea")
            .Where(c => c.GetAttribute("type") is not ("hidden" or "submit"))
            .ToList();
        Assert.NotEmpty(controls);
        foreach (var control in controls)
        {
            var id = control.Id;
            var labelled = id is not null && document.QuerySelectorAll("label").Any(l => l.GetAttribute("for") == id && l.TextContent.Trim().Length > 0);
            var inNamedGroup = control.Closest("fieldset")?.QuerySelector("legend") is { } legend && legend.TextContent.Trim().Length > 0;
            Assert.True(labelled || inNamedGroup, $"{key} page {page}: {control.OuterHtml} has no label");
            Assert.False(string.IsNullOrEmpty(control.GetAttribute("name")), $"{key} page {page}: {control.OuterHtml} has no name");
        }

        var ids = document.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var describedBy in document.QuerySelectorAll("[aria-describedby]").SelectMany(e => e.GetAttribute("aria-describedby")!.Split(' ')))
        {
            Assert.NotNull(document.GetElementById(describedBy));
        }
    }

    [Theory]
    [MemberData(nameof(EveryPage))]
    public void Radio_and_checkbox_groups_are_fieldsets_with_legends(string key, int page)
    {
        var document = Render(key, page);
        foreach (var radio in document.QuerySelectorAll("input[type=radio]"))
        {
            var group = radio.Closest("fieldset");
            Assert.NotNull(group);
            Assert.NotNull(group.QuerySelector("legend"));
            Assert.NotNull(document.QuerySelector($"label[for='{radio.Id}']"));
        }
    }

    [Fact]
    public void Fields_are_named_by_their_JSON_Pointer_and_required_ones_carry_the_badge()
    {
        var document = Render("jidou-teate-nintei", 0);
        var name = document.QuerySelector("input[name='/claimant/name']")!;
        Assert.Equal("field-claimant-name", name.Id);
        Assert.Equal("true", name.GetAttribute("aria-required"));
        var label = document.QuerySelector("label[for='field-claimant-name']")!;
        Assert.Equal("必須", label.QuerySelector("span.required")!.TextContent);

        // 勤務先 is optional in the schema: no badge, no aria-required.
        var employer = document.QuerySelector("input[name='/claimant/employer']")!;
        Assert.Null(employer.GetAttribute("aria-required"));
        Assert.Null(document.QuerySelector("label[for='field-claimant-employer'] .required"));
    }

    [Fact]
    public void Widgets_get_their_input_types_and_hints()
    {
        var document = Render("jidou-teate-nintei", 0);
        var kana = document.QuerySelector("input[name='/claimant/nameKana']")!;
        Assert.Equal("ja", kana.GetAttribute("lang"));
        Assert.Contains("全角カタカナ", HintOf(document, kana));

        var postal = document.QuerySelector("input[name='/claimant/postalCode']")!;
        Assert.Equal("numeric", postal.GetAttribute("inputmode"));
        Assert.Equal("postal-code", postal.GetAttribute("autocomplete"));
        Assert.Equal("street-address", document.QuerySelector("input[name='/claimant/address']")!.GetAttribute("autocomplete"));
        Assert.Equal("tel", document.QuerySelector("input[name='/claimant/phone']")!.GetAttribute("type"));
        var myNumber = document.QuerySelector("input[name='/claimant/myNumber']")!;
        Assert.Equal("numeric", myNumber.GetAttribute("inputmode"));
        Assert.Equal("off", myNumber.GetAttribute("autocomplete"));

        // 性別 has two options: radio buttons in a fieldset whose legend is the label.
        var gender = document.GetElementById("field-claimant-gender")!;
        Assert.Equal("FIELDSET", gender.TagName);
        Assert.StartsWith("性別", gender.QuerySelector("legend")!.TextContent);
        Assert.Equal(["男", "女"], gender.QuerySelectorAll("input[type=radio]").Select(r => r.GetAttribute("value")!));

        // The help text is linked to its input.
        var phone = document.QuerySelector("input[name='/claimant/phone']")!;
        Assert.Contains("日中に連絡がとれる番号", HintOf(document, phone));
    }

    [Fact]
    public void A_choice_with_more_than_six_options_is_a_select()
    {
        var document = Render("youkaigo-nintei-shinki", 1);
        var select = document.QuerySelector("select[name='/specifiedDisease']")!;
        Assert.True(select.QuerySelectorAll("option").Length > 7);
        Assert.NotNull(document.QuerySelector($"label[for='{select.Id}']"));
    }

    [Fact]
    public void A_date_is_asked_in_wareki_with_era_year_month_and_day()
    {
        var data = JsonNode.Parse("""{ "claimant": { "birthDate": "1989-01-07" } }""");
        var document = Render("jidou-teate-nintei", 0, data);
        var group = document.GetElementById("field-claimant-birthDate")!;
        Assert.Equal("FIELDSET", group.TagName);
        Assert.StartsWith("生年月日", group.QuerySelector("legend")!.TextContent);
        var era = (IHtmlSelectElement)group.QuerySelector("select[name='/claimant/birthDate:era']")!;
        Assert.Equal(["", "令和", "平成", "昭和", "大正", "明治", "西暦"], era.Options.Select(o => o.Value));
        Assert.Equal("昭和", era.Value);
        Assert.Equal("64", group.QuerySelector<IHtmlInputElement>("input[name='/claimant/birthDate:year']")!.Value);
        Assert.Equal("1", group.QuerySelector<IHtmlInputElement>("input[name='/claimant/birthDate:month']")!.Value);
        Assert.Equal("7", group.QuerySelector<IHtmlInputElement>("input[name='/claimant/birthDate:day']")!.Value);
    }

    [Fact]
    public void A_value_with_script_is_shown_as_text()
    {
        const string attack = "\"><script>alert('x')</script>";
        var data = new JsonObject { ["claimant"] = new JsonObject { ["name"] = attack, ["occupation"] = "</textarea><script>alert(1)</script>" } };
        var html = FormRenderer.RenderPageHtml(Template("jidou-teate-nintei"), 0, data, [new FormError("/claimant/name", "<b>エラー</b>")]);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);

        var document = Html.Parse(html);
        Assert.Empty(document.QuerySelectorAll("script, b"));
        Assert.Equal(attack, document.QuerySelector<IHtmlInputElement>("input[name='/claimant/name']")!.Value);
        Assert.Equal("<b>エラー</b>", document.GetElementById("field-claimant-name-error")!.TextContent);
    }

    [Fact]
    public void Errors_appear_at_their_fields_with_aria_invalid_and_in_a_linked_summary()
    {
        FormError[] errors =
        [
            new("/claimant/name", "この項目は必須です。"),
            new("/claimant/gender", "選択肢から選んでください。"),
            new("/claimant/birthDate", "存在しない日付です。"),
        ];
        var document = Render("jidou-teate-nintei", 0, null, errors);

        var name = document.QuerySelector("input[name='/claimant/name']")!;
        Assert.Equal("true", name.GetAttribute("aria-invalid"));
        var error = document.GetElementById("field-claimant-name-error")!;
        Assert.Contains("field-error", error.ClassList);
        Assert.Equal("この項目は必須です。", error.TextContent);
        Assert.Contains("field-claimant-name-error", name.GetAttribute("aria-describedby")!.Split(' '));

        // Untouched fields stay valid.
        Assert.Null(document.QuerySelector("input[name='/claimant/address']")!.GetAttribute("aria-invalid"));

        var gender = document.GetElementById("field-claimant-gender")!;
        Assert.Equal("選択肢から選んでください。", gender.QuerySelector(".field-error")!.TextContent);
        Assert.All(gender.QuerySelectorAll("input[type=radio]"), r => Assert.Equal("true", r.GetAttribute("aria-invalid")));

        var date = document.GetElementById("field-claimant-birthDate")!;
        Assert.Equal("存在しない日付です。", date.QuerySelector(".field-error")!.TextContent);
        Assert.Equal("true", date.QuerySelector("input[name='/claimant/birthDate:day']")!.GetAttribute("aria-invalid"));

        var summary = document.QuerySelector(".error-summary")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        var links = summary.QuerySelectorAll("a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent)).ToList();
        Assert.Contains(("#field-claimant-name", "氏名：この項目は必須です。"), links);
        Assert.Contains(("#field-claimant-gender-0", "性別：選択肢から選んでください。"), links);
        Assert.All(links, l => Assert.NotNull(document.GetElementById(l.Href![1..])));
    }

    [Fact]
    public void No_errors_means_no_summary_and_no_aria_invalid()
    {
        var document = Render("jidou-teate-nintei", 0);
        Assert.Null(document.QuerySelector(".error-summary"));
        Assert.Empty(document.QuerySelectorAll("[aria-invalid]"));
    }

    [Fact]
    public void Repeat_items_are_fieldsets_with_add_and_remove_buttons_that_post_back()
    {
        var data = JsonNode.Parse("""{ "children": [ { "name": "山田 花子" }, { "name": "山田 次郎" } ] }""");
        var document = Render("jidou-teate-nintei", 1, data);
        var items = document.QuerySelectorAll("fieldset.repeat-item").Where(f => f.Id!.StartsWith("field-children-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["児童 1", "児童 2"], items.Select(i => i.QuerySelector("legend")!.TextContent));
        Assert.Equal("山田 次郎", items[1].QuerySelector<IHtmlInputElement>("input[name='/children/1/name']")!.Value);

        var add = document.QuerySelector<IHtmlButtonElement>("button[name='_add'][value='/children']")!;
        Assert.Equal("児童を追加", add.TextContent);
        Assert.Equal("submit", add.Type);
        var remove = items[1].QuerySelector<IHtmlButtonElement>("button[name='_remove']")!;
        Assert.Equal("/children/1", remove.Value);
        Assert.StartsWith("この児童を削除", remove.TextContent);
        Assert.Equal("2", document.QuerySelector<IHtmlInputElement>("input[name='/children:count']")!.Value);
    }

    [Fact]
    public void Enter_in_a_text_box_does_not_remove_an_item()
    {
        // Implicit submission clicks the first submit button in the form; it must not carry a command.
        var data = JsonNode.Parse("""{ "children": [ { "name": "一郎" }, { "name": "二郎" } ] }""");
        var first = Render("jidou-teate-nintei", 1, data).QuerySelector("button[type=submit], input[type=submit]")!;
        Assert.Null(first.GetAttribute("name"));
        Assert.Equal("-1", first.GetAttribute("tabindex"));
    }

    [Fact]
    public void A_required_list_starts_with_one_empty_item_that_cannot_be_removed()
    {
        var document = Render("jidou-teate-nintei", 1);
        Assert.NotNull(document.QuerySelector("input[name='/children/0/name']"));
        Assert.Null(document.QuerySelector("button[name='_remove'][value='/children/0']"));
    }

    [Fact]
    public void Conditional_fields_are_shown_with_a_note_saying_when_to_fill_them()
    {
        var document = Render("jidou-teate-nintei", 0);
        var notes = document.QuerySelectorAll(".conditional > .condition-note").Select(n => n.TextContent).ToList();
        Assert.Contains("（「配偶者がいる」にチェックを入れた場合）", notes);
        Assert.Contains("（配偶者との同居・別居が「別居」の場合）", notes);

        var spouseName = document.QuerySelector("input[name='/spouse/name']")!;
        Assert.Equal("（「配偶者がいる」にチェックを入れた場合）", spouseName.Closest(".conditional")!.QuerySelector(".condition-note")!.TextContent);

        var inList = Render("risai-shoumei", 0).QuerySelectorAll(".condition-note").Select(n => n.TextContent);
        Assert.Contains(inList, n => n.Contains("「同じ世帯の世帯員」または「代理人（委任を受けた人）」", StringComparison.Ordinal));
    }

    [Fact]
    public void Consent_shows_the_text_then_one_checkbox_and_files_name_their_attachment()
    {
        var document = Render("jidou-teate-nintei", 2);
        var consent = document.QuerySelector("input[name='/consentRecordCheck']")!;
        Assert.Equal("checkbox", consent.GetAttribute("type"));
        var text = document.GetElementById("field-consentRecordCheck-text")!;
        Assert.False(string.IsNullOrWhiteSpace(text.TextContent));
        Assert.Contains("field-consentRecordCheck-text", consent.GetAttribute("aria-describedby")!.Split(' '));

        var file = document.QuerySelector<IHtmlInputElement>("input[type=file][name='file:kouza-kakunin']")!;
        Assert.Equal("image/jpeg,image/png,application/pdf", file.GetAttribute("accept"));
        Assert.Contains("口座が確認できるもの", document.QuerySelector($"label[for='{file.Id}']")!.TextContent);
        Assert.Contains("通帳の写し", HintOf(document, file));
        Assert.Contains("PDF", HintOf(document, file));

        var bank = document.GetElementById("field-account")!;
        Assert.Equal("FIELDSET", bank.TagName);
        Assert.Equal(["普通", "当座"], bank.QuerySelectorAll("input[type=radio][name='/account/accountType']").Select(r => r.GetAttribute("value")!));
        Assert.NotNull(bank.QuerySelector("input[name='/account/bankCode']"));
        Assert.NotNull(bank.QuerySelector("input[name='/account/holderKana'][lang=ja]"));
    }

    private static string HintOf(IHtmlDocument document, IElement control) =>
        string.Join(" ", control.GetAttribute("aria-describedby")!.Split(' ').Select(id => document.GetElementById(id)!.TextContent));
}
