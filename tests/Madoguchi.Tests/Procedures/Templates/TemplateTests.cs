using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Madoguchi.Procedures.Builder;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Tests.Procedures.Templates;

/// <summary>
/// The shipped procedure templates are data that no compiler checks: these tests hold every template
/// to the rules of docs/forms.md, so that a form can always be rendered and nothing required is hidden.
/// </summary>
public sealed partial class TemplateTests
{
    private static readonly TemplateLibrary Library = TemplateLibrary.Embedded;

    private static readonly string[] Categories = ["子育て", "介護", "防災", "住民異動", "健康"];
    private static readonly string[] LifeEvents = ["妊娠・出産", "子育て", "介護", "引越し", "災害", "死亡"];

    public static TheoryData<string> Keys => new(TemplateLibrary.Embedded.All.Select(t => t.Key));

    [Fact]
    public void The_28_priority_procedures_load_with_unique_keys()
    {
        var keys = Library.All.Select(t => t.Key).ToList();
        Assert.Equal(29, keys.Count); // the 28 priority procedures and 住民票の写し (the fee example of docs/payments.md)
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.Matches(StableKey(), k));
    }

    [Fact]
    public void Find_returns_a_template_by_key_and_null_for_an_unknown_key()
    {
        Assert.Equal("児童手当 認定請求", Library.Find("jidou-teate-nintei")?.Title);
        Assert.Equal("罹災証明書の発行申請", Library.Find("risai-shoumei")?.Title);
        Assert.Null(Library.Find("no-such-procedure"));
    }

    [Fact]
    public void The_library_loads_once()
    {
        Assert.Same(Library.All, Library.All);
        Assert.Same(Library.Find("hoiku-riyou-moushikomi"), Library.All.Single(t => t.Key == "hoiku-riyou-moushikomi"));
    }

    [Fact]
    public void Template_files_spell_widgets_in_kebab_case_and_a_misspelt_property_fails_loading()
    {
        var field = JsonSerializer.Deserialize<FormField>("""{ "pointer": "/postalCode", "widget": "postal-code", "label": "郵便番号", "labelEn": "Postal code" }""", TemplateLibrary.JsonOptions)!;
        Assert.Equal(FieldWidget.PostalCode, field.Widget);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FormField>("""{ "pointer": "/a", "widget": "text", "label": "あ", "lable": "typo" }""", TemplateLibrary.JsonOptions));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FormField>("""{ "pointer": "/a", "widget": "slider", "label": "あ" }""", TemplateLibrary.JsonOptions));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_template_describes_itself_in_Japanese_and_English(string key)
    {
        var t = Library.Find(key)!;
        Assert.False(string.IsNullOrWhiteSpace(t.Title));
        Assert.False(string.IsNullOrWhiteSpace(t.TitleEn));
        Assert.False(string.IsNullOrWhiteSpace(t.Description));
        Assert.False(string.IsNullOrWhiteSpace(t.DescriptionEn));
        Assert.False(string.IsNullOrWhiteSpace(t.Department));
        Assert.False(string.IsNullOrWhiteSpace(t.Source));
        Assert.Contains(t.Category, Categories);
        Assert.NotEmpty(t.LifeEvents);
        Assert.All(t.LifeEvents, e => Assert.Contains(e, LifeEvents));
        Assert.NotEmpty(t.Keywords);
        Assert.True(Enum.IsDefined(t.Assurance));
        Assert.True(t.Fee.AmountYen >= 0);
        Assert.True(t.StandardProcessingDays is null or > 0);
        Assert.Matches(Japanese(), t.Title);
        Assert.Matches(Japanese(), t.Description);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_schema_is_a_2020_12_object_with_ascii_camel_case_property_names(string key)
    {
        var schema = Library.Find(key)!.Schema;
        Assert.Equal(JsonValueKind.Object, schema.ValueKind);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.All(PropertyNames(schema), name => Assert.Matches(CamelCase(), name));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_layout_field_has_a_Japanese_label_and_an_English_one(string key)
    {
        var fields = LaidOutField.All(Library.Find(key)!).ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, f =>
        {
            Assert.Matches(Japanese(), f.Field.Label);
            Assert.False(string.IsNullOrWhiteSpace(f.Field.LabelEn), $"{f.Field.Label} has no English label");
        });
    }

    /// <summary>Pointers resolve (repeat fields against the array's items), each widget has its schema,
    /// every required property is asked, show-if conditions compare with values their field can take,
    /// file fields name attachments and each attachment is asked for, the schema compiles: the same
    /// <see cref="DefinitionCheck"/> the form builder runs before publishing or importing.</summary>
    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_template_passes_the_definition_check(string key)
    {
        var problems = DefinitionCheck.Problems(Library.Find(key)!);
        Assert.True(problems.Count == 0, key + ": " + string.Join(" / ", problems));
        Assert.NotEmpty(DefinitionCheck.RequiredPaths(Library.Find(key)!.Schema, ""));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_template_round_trips_through_the_strict_import_reader(string key)
    {
        var json = JsonSerializer.Serialize(Library.Find(key)!, TemplateLibrary.JsonOptions);
        var (definition, problems) = DefinitionCheck.Parse(json);
        Assert.True(problems.Count == 0, key + ": " + string.Join(" / ", problems));
        Assert.Equal(key, definition!.Key);
    }

    [Theory]
    [InlineData("保育", "hoiku-riyou-moushikomi")]
    [InlineData("介護", "youkaigo-nintei-shinki")]
    [InlineData("転入", "tenshutsu-tennyu-yoyaku")]
    [InlineData("児童", "jidou-teate-nintei")]
    [InlineData("妊娠", "ninshin-todoke")]
    [InlineData("罹災", "risai-shoumei")]
    [InlineData("child allowance", "jidou-teate-nintei")]
    public void Two_character_Japanese_terms_find_their_procedures(string term, string expected)
    {
        var found = Library.Search(term);
        Assert.Contains(found, t => t.Key == expected);
        Assert.All(found, t => Assert.True(
            t.Title.Contains(term, StringComparison.Ordinal) || t.TitleEn.Contains(term, StringComparison.OrdinalIgnoreCase)
            || t.Keywords.Any(k => k.Contains(term, StringComparison.OrdinalIgnoreCase)) || t.Description.Contains(term, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_blank_search_finds_nothing()
    {
        Assert.Empty(Library.Search("  "));
    }

    [Theory]
    [InlineData("jidou-teate-nintei")]
    [InlineData("hoiku-riyou-moushikomi")]
    [InlineData("risai-shoumei")]
    public void The_sample_application_has_every_required_property_and_nothing_undeclared(string key)
    {
        var schema = Library.Find(key)!.Schema;
        var sample = JsonNode.Parse(SampleApplications.For(key))!;
        var missing = MissingRequired(schema, sample, "").ToList();
        Assert.True(missing.Count == 0, $"{key} sample lacks: {string.Join(", ", missing)}");
        var undeclared = Undeclared(schema, sample, "").ToList();
        Assert.True(undeclared.Count == 0, $"{key} sample has undeclared: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void A_sample_missing_a_required_property_is_noticed()
    {
        // Guards the structural check itself: without it the sample test could pass by checking nothing.
        var schema = Library.Find("risai-shoumei")!.Schema;
        var sample = JsonNode.Parse(SampleApplications.For("risai-shoumei"))!.AsObject();
        sample["property"]!.AsObject().Remove("address");
        Assert.Contains("/property/address", MissingRequired(schema, sample, ""));
    }

    private static JsonElement? Resolve(JsonElement schema, string pointer)
    {
        var node = schema;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!node.TryGetProperty("properties", out var properties) || !properties.TryGetProperty(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static IEnumerable<string> MissingRequired(JsonElement schema, JsonNode data, string path)
    {
        if (data is JsonObject obj)
        {
            foreach (var name in Names(schema, "required").Where(n => !obj.ContainsKey(n)))
            {
                yield return path + "/" + name;
            }

            foreach (var (name, value) in obj)
            {
                if (value is not null && Resolve(schema, "/" + name) is { } child)
                {
                    foreach (var m in MissingRequired(child, value, path + "/" + name))
                    {
                        yield return m;
                    }
                }
            }
        }
        else if (data is JsonArray array && schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var m in MissingRequired(items, array[i]!, $"{path}/{i}"))
                {
                    yield return m;
                }
            }
        }
    }

    private static IEnumerable<string> Undeclared(JsonElement schema, JsonNode data, string path)
    {
        if (data is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                if (Resolve(schema, "/" + name) is not { } child)
                {
                    yield return path + "/" + name;
                }
                else if (value is not null)
                {
                    foreach (var u in Undeclared(child, value, path + "/" + name))
                    {
                        yield return u;
                    }
                }
            }
        }
        else if (data is JsonArray array && schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var u in Undeclared(items, array[i]!, $"{path}/{i}"))
                {
                    yield return u;
                }
            }
        }
    }

    private static HashSet<string> Names(JsonElement node, string keyword) =>
        node.TryGetProperty(keyword, out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : [];

    private static IEnumerable<string> PropertyNames(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var member in node.EnumerateObject())
        {
            if (member.Name == "properties")
            {
                foreach (var p in member.Value.EnumerateObject())
                {
                    yield return p.Name;
                }
            }

            foreach (var inner in member.Value.ValueKind switch
                     {
                         JsonValueKind.Object => member.Name == "properties"
                             ? member.Value.EnumerateObject().SelectMany(p => PropertyNames(p.Value))
                             : PropertyNames(member.Value),
                         JsonValueKind.Array => member.Value.EnumerateArray().SelectMany(PropertyNames),
                         _ => [],
                     })
            {
                yield return inner;
            }
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex StableKey();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex Japanese();
}
