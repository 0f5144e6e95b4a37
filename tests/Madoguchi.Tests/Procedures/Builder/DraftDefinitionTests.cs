using System.Text.Json.Nodes;
using Madoguchi.Procedures.Builder;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Tests.Procedures.Builder;

/// <summary>The builder's actions keep schema and layout consistent without anyone touching JSON.</summary>
public sealed class DraftDefinitionTests
{
    private static JsonNode Schema(DraftDefinition d) => JsonNode.Parse(d.ToJson())!["schema"]!;

    private static FieldSettings Settings(string label, bool required, string? showIf = null, JsonNode? value = null) =>
        new(label, null, null, required, [], null, null, null, showIf, value);

    [Fact]
    public void Required_and_show_if_become_required_and_if_then_and_removing_a_field_removes_both()
    {
        var d = DraftDefinition.Blank("test", "テスト", "市民課");
        Assert.Null(d.AddField(0, 0, null, FieldWidget.Checkbox, "hasCar", "車がある", []));
        Assert.Null(d.AddField(0, 0, null, FieldWidget.Text, "carNumber", "車両番号", []));
        Assert.Null(d.UpdateField(new FieldAddress(0, 0, 1), Settings("車両番号", true)));
        Assert.Equal(["carNumber"], Schema(d)["required"]!.AsArray().Select(n => n!.GetValue<string>()));

        // With a show-if the requirement moves into an if/then that mirrors it.
        Assert.Null(d.UpdateField(new FieldAddress(0, 0, 1), Settings("車両番号", true, "/hasCar", JsonValue.Create(true))));
        Assert.Empty(Schema(d)["required"]!.AsArray());
        var rule = Schema(d)["allOf"]![0]!;
        Assert.True(rule["if"]!["properties"]!["hasCar"]!["const"]!.GetValue<bool>());
        Assert.Equal("carNumber", rule["then"]!["required"]![0]!.GetValue<string>());
        Assert.True(d.IsRequired(new FieldAddress(0, 0, 1)));

        // The schema validates as the layout says: required only when shown.
        var template = d.ToTemplate();
        Assert.Empty(FormValidation.Whole(template, new JsonObject()));
        Assert.Contains(FormValidation.Whole(template, new JsonObject { ["hasCar"] = true }), e => e.Pointer == "/carNumber");

        // The condition's field cannot go while a show-if uses it; the conditional field can, with its rule.
        Assert.NotNull(d.RemoveField(new FieldAddress(0, 0, 0)));
        Assert.Null(d.RemoveField(new FieldAddress(0, 0, 1)));
        Assert.Null(Schema(d)["allOf"]);
        Assert.False(Schema(d)["properties"]!.AsObject().ContainsKey("carNumber"));
        Assert.DoesNotContain(DefinitionCheck.Problems(d.ToTemplate()), p => p.Message.Contains("スキーマ", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_must_be_unique_and_choice_fields_need_two_choices()
    {
        var d = DraftDefinition.Blank("test", "テスト", "市民課");
        Assert.Null(d.AddField(0, 0, null, FieldWidget.Name, "name", "氏名", []));
        Assert.Equal("項目キー「{0}」は既に使われています。", d.AddField(0, 0, null, FieldWidget.Text, "name", "別名", [])!.Message);
        Assert.NotNull(d.AddField(0, 0, null, FieldWidget.Choice, "kind", "種類", ["ひとつ"]));
        Assert.Null(d.AddField(0, 0, null, FieldWidget.Choice, "kind", "種類", ["犬", "猫"]));
        Assert.Null(d.AddField(0, 0, null, FieldWidget.Text, null, "自動キー", []));
        Assert.True(Schema(d)["properties"]!.AsObject().ContainsKey("text1"));
    }

    [Fact]
    public void Pages_and_fields_move_and_a_file_field_brings_its_attachment()
    {
        var d = DraftDefinition.Blank("test", "テスト", "市民課");
        d.AddPage("二枚目", null);
        Assert.Null(d.MovePage(1, -1));
        Assert.Equal(["二枚目", "申請内容"], d.ToTemplate().Layout.Pages.Select(p => p.Title));
        Assert.Null(d.AddField(1, 0, null, FieldWidget.File, "photo", "写真", []));
        Assert.Null(d.UpdateField(new FieldAddress(1, 0, 0), Settings("現場の写真", true)));
        var attachment = Assert.Single(d.ToTemplate().Attachments);
        Assert.Equal(("photo", "現場の写真", true), (attachment.Key, attachment.Label, attachment.Required));
        Assert.Null(d.RemovePage(1));
        Assert.Empty(d.ToTemplate().Attachments);
    }
}
