using System.Globalization;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Residents;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Apply;

/// <summary>
/// Once-only (ワンスオンリー): what the city already knows of the resident, offered for a new draft
/// when the resident ticks the consent box on the start page. The rule (docs/forms.md): a field
/// whose pointer is <c>/{group}/{property}</c>, with the group the filer themself (applicant,
/// claimant, recipient, filer, contact) and the property one of <see cref="Properties"/> with its
/// widget. Values come from the resident's profile (the card's 基本4情報 and the verified e-mail)
/// and from the same pointers of the resident's own earlier submitted applications, newest first;
/// the card's facts win over what was typed earlier. Nothing of another resident is ever read.
/// </summary>
public sealed class Prefill(MadoguchiDb db, IResidentProfiles residents)
{
    public static readonly IReadOnlyList<string> Groups = ["applicant", "claimant", "recipient", "filer", "contact"];

    public static readonly IReadOnlyDictionary<string, FieldWidget> Properties = new Dictionary<string, FieldWidget>
    {
        ["name"] = FieldWidget.Name,
        ["nameKana"] = FieldWidget.Kana,
        ["birthDate"] = FieldWidget.Date,
        ["postalCode"] = FieldWidget.PostalCode,
        ["address"] = FieldWidget.Address,
        ["phone"] = FieldWidget.Phone,
        ["email"] = FieldWidget.Email,
    };

    public sealed record Result(JsonObject Data, IReadOnlyList<string> Labels);

    public async Task<Result> ForAsync(ProcedureTemplate template, Guid residentId, CancellationToken ct)
    {
        var targets = template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields)
            .Where(f => f.Pointer is { } p && IsPrefillable(p, f.Widget))
            .ToList();
        var data = new JsonObject();
        var labels = new List<string>();
        if (targets.Count == 0)
        {
            return new Result(data, labels);
        }

        var known = await KnownValuesAsync(residentId, ct);
        foreach (var field in targets)
        {
            if (known.TryGetValue(field.Pointer!.Split('/')[2], out var value))
            {
                DataPointer.Set(data, field.Pointer, JsonValue.Create(value));
                labels.Add(field.Label);
            }
        }

        return new Result(data, labels);
    }

    public static bool IsPrefillable(string pointer, FieldWidget widget) =>
        pointer.Split('/') is ["", var group, var property]
        && Groups.Contains(group) && Properties.TryGetValue(property, out var expected) && expected == widget;

    /// <summary>Property → value: earlier applications first, then the profile over them.</summary>
    private async Task<Dictionary<string, string>> KnownValuesAsync(Guid residentId, CancellationToken ct)
    {
        var known = new Dictionary<string, string>();
        // The tenant filter and the resident id: only this resident's own applications here.
        var earlier = await db.Set<Application>().AsNoTracking()
            .Where(a => a.ResidentId == residentId && a.Status != ApplicationStatus.Draft && a.SubmittedAt != null)
            .OrderByDescending(a => a.SubmittedAt).Take(20).Select(a => a.Data).ToListAsync(ct);
        foreach (var json in earlier)
        {
            var data = JsonNode.Parse(json);
            foreach (var group in Groups)
            {
                foreach (var property in Properties.Keys)
                {
                    if (!known.ContainsKey(property) && DataPointer.Get(data, $"/{group}/{property}") is JsonValue v
                        && v.TryGetValue<string>(out var s) && s.Length > 0 && !Platform.Protection.FieldCipher.IsSealed(s))
                    {
                        known[property] = s;
                    }
                }
            }
        }

        if (await residents.FindAsync(residentId, ct) is { } profile)
        {
            known["name"] = profile.Name;
            Set(known, "address", profile.Address);
            Set(known, "birthDate", profile.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Set(known, "email", profile.VerifiedEmail);
        }

        return known;
    }

    private static void Set(Dictionary<string, string> known, string property, string? value)
    {
        if (value is { Length: > 0 })
        {
            known[property] = value;
        }
    }
}
