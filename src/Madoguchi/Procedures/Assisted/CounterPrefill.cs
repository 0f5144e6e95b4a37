using System.Globalization;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Assisted;
using Madoguchi.Procedures.Apply;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Assisted;

/// <summary>
/// Fills a counter draft from what staff know of the visitor (docs/counter-assisted.md, "Prefill"):
/// <list type="bullet">
/// <item>the filer's own fields (<c>/{applicant|claimant|recipient|filer|contact}/{name|nameKana|birthDate|postalCode|address|phone}</c>,
/// as in the online prefill), plus 性別 where the field offers the card's value and 個人番号 only when the
/// card reader sent it and the form asks for it;</item>
/// <item>the form's own address of the filer (<c>/currentAddress</c>, <c>/address</c>, <c>/postalCode</c>);</item>
/// <item>the people moving (<c>/movers</c>): the visitor as 本人, then the household members staff marked;</item>
/// <item>the children (<c>/children</c>, <c>/child</c>): the marked household members under 18.</item>
/// </list>
/// Only fields whose widget is the expected one are filled; staff check and correct everything with the visitor.
/// </summary>
internal static class CounterPrefill
{
    private static readonly string[] OwnAddressPointers = ["/currentAddress", "/address"];

    public sealed record Result(JsonObject Data, IReadOnlyList<string> Labels);

    public static Result For(ProcedureTemplate template, VisitorFacts facts, DateOnly today)
    {
        var data = new JsonObject();
        var labels = new List<string>();
        var schema = TemplateSchema.For(template);
        var own = OwnFacts(facts);
        foreach (var field in template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields))
        {
            if (field.Pointer is not { } pointer)
            {
                continue;
            }

            var filled = pointer.Split('/') switch
            {
                ["", var group, var property] when Prefill.Groups.Contains(group) => Own(data, field, pointer, property, own, schema),
                ["", "address"] or ["", "currentAddress"] when field.Widget == FieldWidget.Address => Put(data, pointer, facts.Address),
                ["", "postalCode"] when field.Widget == FieldWidget.PostalCode => Put(data, pointer, facts.PostalCode),
                ["", "movers"] when field.Widget == FieldWidget.Repeat => People(data, field, pointer,
                    [new HouseholdMember(facts.Name, facts.NameKana, facts.BirthDate ?? default, "本人", facts.Gender), .. facts.Household], facts),
                ["", "children"] when field.Widget == FieldWidget.Repeat => People(data, field, pointer, Children(facts, today), facts),
                ["", "child", var property] => Child(data, field, pointer, property, Children(facts, today).FirstOrDefault(), schema),
                _ => false,
            };
            if (filled)
            {
                labels.Add(field.Label);
            }
        }

        return new Result(data, labels);
    }

    /// <summary>The visitor's own facts by the property names the forms use.</summary>
    public static Dictionary<string, string> OwnFacts(VisitorFacts facts)
    {
        var known = new Dictionary<string, string> { ["name"] = facts.Name };
        void Add(string key, string? value)
        {
            if (value is { Length: > 0 })
            {
                known[key] = value;
            }
        }

        Add("nameKana", facts.NameKana);
        Add("birthDate", facts.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("gender", facts.Gender);
        Add("postalCode", facts.PostalCode);
        Add("address", facts.Address);
        Add("phone", facts.Phone);
        Add("myNumber", facts.MyNumber);
        return known;
    }

    /// <summary>The pointers of a form that hold the filer's own facts, by property (for carrying them to the next form of a visit).</summary>
    public static IEnumerable<(string Property, string Pointer, FieldWidget Widget)> OwnFactPointers(ProcedureTemplate template)
    {
        foreach (var field in template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields))
        {
            switch (field.Pointer?.Split('/'))
            {
                case ["", var group, var property] when Prefill.Groups.Contains(group) && Expected(property) == field.Widget:
                    yield return (property, field.Pointer!, field.Widget);
                    break;
                case ["", "address" or "currentAddress"] when field.Widget == FieldWidget.Address:
                    yield return ("address", field.Pointer!, field.Widget);
                    break;
                case ["", "postalCode"] when field.Widget == FieldWidget.PostalCode:
                    yield return ("postalCode", field.Pointer!, field.Widget);
                    break;
            }
        }
    }

    private static FieldWidget? Expected(string property) => property switch
    {
        "gender" => FieldWidget.Choice,
        "myNumber" => FieldWidget.MyNumber,
        _ => Prefill.Properties.TryGetValue(property, out var widget) ? widget : null,
    };

    private static bool Own(JsonObject data, FormField field, string pointer, string property, Dictionary<string, string> own, TemplateSchema schema)
    {
        if (Expected(property) != field.Widget || !own.TryGetValue(property, out var value))
        {
            return false;
        }

        // A choice takes the card's 「男」/「女」 only if it is one of the field's options.
        if (field.Widget == FieldWidget.Choice && !schema.Options(pointer).Contains(value))
        {
            return false;
        }

        return Put(data, pointer, value);
    }

    private static bool Child(JsonObject data, FormField field, string pointer, string property, HouseholdMember? child, TemplateSchema schema)
    {
        if (child is null)
        {
            return false;
        }

        var value = property switch
        {
            "name" when field.Widget == FieldWidget.Name => child.Name,
            "nameKana" when field.Widget == FieldWidget.Kana => child.NameKana,
            "birthDate" when field.Widget == FieldWidget.Date => child.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "gender" when field.Widget == FieldWidget.Choice && child.Gender is { } g && schema.Options(pointer).Contains(g) => child.Gender,
            _ => null,
        };
        return Put(data, pointer, value);
    }

    private static bool People(JsonObject data, FormField repeat, string pointer, IReadOnlyList<HouseholdMember> people, VisitorFacts facts)
    {
        var inner = (repeat.Fields ?? []).Where(f => f.Pointer is not null).ToDictionary(f => f.Pointer!, f => f.Widget);
        if (people.Count == 0 || inner.GetValueOrDefault("/name") != FieldWidget.Name || inner.GetValueOrDefault("/birthDate") != FieldWidget.Date)
        {
            return false;
        }

        var items = new JsonArray();
        foreach (var person in people.Where(p => p.BirthDate != default))
        {
            var item = new JsonObject
            {
                ["name"] = person.Name,
                ["birthDate"] = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            if (person.NameKana is { Length: > 0 } kana && inner.GetValueOrDefault("/nameKana") == FieldWidget.Kana)
            {
                item["nameKana"] = kana;
            }

            if (inner.GetValueOrDefault("/relationship") == FieldWidget.Text)
            {
                item["relationship"] = person.Relationship;
            }

            if (facts.Address is { Length: > 0 } address && inner.GetValueOrDefault("/address") == FieldWidget.Address)
            {
                item["address"] = address;
            }

            items.Add(item);
        }

        if (items.Count == 0)
        {
            return false;
        }

        data[pointer[1..]] = items;
        return true;
    }

    private static List<HouseholdMember> Children(VisitorFacts facts, DateOnly today) =>
        facts.Household.Where(m => m.BirthDate != default && m.BirthDate > today.AddYears(-18)).OrderBy(m => m.BirthDate).ToList();

    private static bool Put(JsonObject data, string pointer, string? value)
    {
        if (value is not { Length: > 0 })
        {
            return false;
        }

        DataPointer.Set(data, pointer, JsonValue.Create(value));
        return true;
    }
}
