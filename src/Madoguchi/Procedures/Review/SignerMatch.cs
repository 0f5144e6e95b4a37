using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Signatures;
using Madoguchi.Procedures.Forms;

namespace Madoguchi.Procedures.Review;

/// <summary>
/// Whether the basic fields of the signing certificate agree with what the application says of
/// its filer. The filer's fields are found where the templates keep them (docs/signatures.md):
/// the filer group of the prefill rule, or the first of the people moving (転出届).
/// Comparison ignores width (NFKC), spaces and the kind of hyphen, nothing else.
/// </summary>
public static class SignerMatch
{
    public enum Result
    {
        Matches,
        Differs,
        NotEntered,
    }

    public sealed record Row(string Label, string? Certificate, string? Entered, Result Result);

    private static readonly string[] Groups = ["applicant", "claimant", "recipient", "filer"];

    public static IReadOnlyList<Row> Compare(CertificateIdentity signer, JsonObject data)
    {
        var name = Find(data, [.. Groups.Select(g => $"/{g}/name"), "/movers/0/name", "/name"]);
        var address = Find(data, [.. Groups.Select(g => $"/{g}/address"), "/currentAddress", "/address"]);
        var birth = Find(data, [.. Groups.Select(g => $"/{g}/birthDate"), "/movers/0/birthDate", "/birthDate"]);
        var gender = Find(data, [.. Groups.Select(g => $"/{g}/gender"), "/movers/0/gender", "/gender"]);
        var certificateBirth = signer.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            Compared("氏名", signer.Name, name),
            Compared("住所", signer.Address, address),
            Compared("生年月日", certificateBirth, birth, certificateBirth is null ? null : Wareki(signer.BirthDate!.Value),
                DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var entered) ? Wareki(entered) : null),
            Compared("性別", GenderText(signer.Gender), GenderText(gender)),
        ];
    }

    private static string Wareki(DateOnly date) => Platform.Localization.Wareki.Date(date);

    private static Row Compared(string label, string? certificate, string? entered, string? certificateShown = null, string? enteredShown = null) =>
        new(label, certificateShown ?? certificate, enteredShown ?? entered,
            string.IsNullOrWhiteSpace(entered) || certificate is null ? Result.NotEntered
            : Normalize(certificate) == Normalize(entered) ? Result.Matches : Result.Differs);

    private static string? GenderText(string? code) => code switch
    {
        "1" or "male" => "男性",
        "2" or "female" => "女性",
        "3" or "9" or "0" => "不明",
        _ => code,
    };

    private static string? Find(JsonObject data, IEnumerable<string> pointers)
    {
        foreach (var pointer in pointers)
        {
            if (DataPointer.Get(data, pointer) is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text;
            }
        }

        return null;
    }

    private static string Normalize(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            text.Append(c is '‐' or '－' or 'ー' or '—' or '―' or '−' ? '-' : c);
        }

        return text.ToString();
    }
}
