using System.Globalization;
using System.Text.Json;

namespace Madoguchi.Counter.Assisted.Card;

/// <summary>
/// Reads the card-reader JSON (<see cref="CardFaceData"/>). Bad data is an expected outcome: each
/// problem comes back as a Japanese message for the staff, and nothing is used.
/// </summary>
public static class CardJson
{
    /// <summary>Far more than any card's face data; a larger body is not card data.</summary>
    public const int MaxLength = 8 * 1024;

    private static readonly HashSet<string> Known = ["version", "name", "address", "birthDate", "gender", "validUntil", "nameKana", "postalCode", "myNumber"];

    public static (CardFaceData? Card, IReadOnlyList<string> Problems) Read(string? json, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, ["カードの読取データがありません。カードを読み取り直すか、手入力してください。"]);
        }

        if (json.Length > MaxLength)
        {
            return (null, ["カードの読取データが長すぎます。読み取り直してください。"]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return (null, ["カードの読取データを読めませんでした（JSONの形式ではありません）。読み取り直すか、手入力してください。"]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ["カードの読取データを読めませんでした（JSONの形式ではありません）。読み取り直すか、手入力してください。"]);
            }

            return Fields(document.RootElement, today);
        }
    }

    private static (CardFaceData?, IReadOnlyList<string>) Fields(JsonElement root, DateOnly today)
    {
        var problems = new List<string>();
        if (root.TryGetProperty("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == 1))
        {
            problems.Add("カードの読取データの版（version）に対応していません。読取ソフトの設定を確かめてください。");
        }

        var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => !Known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"カードの読取データに知らない項目があります：{string.Join("、", unknown.Take(5))}");
        }

        var name = Text(root, "name", 100, "氏名", problems, required: true);
        var address = Text(root, "address", 200, "住所", problems, required: true);
        var birthDate = Date(root, "birthDate", "生年月日", problems, required: true);
        if (birthDate is { } born && born > today)
        {
            problems.Add("カードの読取データの生年月日が未来の日付です。");
        }

        var gender = Text(root, "gender", 2, "性別", problems, required: true);
        if (gender is not null and not ("男" or "女"))
        {
            problems.Add("カードの読取データの性別は「男」か「女」で送ってください。");
        }

        var validUntil = Date(root, "validUntil", "有効期限", problems, required: false);
        if (validUntil is { } until && until < today)
        {
            problems.Add("このカードは有効期限が切れています。本人確認は別の書類で行ってください。");
        }

        var kana = Text(root, "nameKana", 100, "フリガナ", problems, required: false);
        if (kana is not null && !kana.All(c => c is (>= 'ァ' and <= 'ヶ') or 'ー' or '　' or ' '))
        {
            problems.Add("カードの読取データのフリガナはカタカナで送ってください。");
        }

        var postal = Text(root, "postalCode", 8, "郵便番号", problems, required: false);
        if (postal is not null && !System.Text.RegularExpressions.Regex.IsMatch(postal, @"^\d{3}-?\d{4}$"))
        {
            problems.Add("カードの読取データの郵便番号が正しくありません（例：985-0111）。");
        }

        var myNumber = Text(root, "myNumber", 12, "個人番号", problems, required: false);
        if (myNumber is not null && !(myNumber.Length == 12 && myNumber.All(char.IsAsciiDigit) && MyNumberCheck.IsValid(myNumber)))
        {
            problems.Add("カードの読取データの個人番号が正しくありません。読み取り直してください。");
        }

        return problems.Count > 0
            ? (null, problems)
            : (new CardFaceData(name!, address!, birthDate!.Value, gender!, validUntil, kana, postal, myNumber), problems);
    }

    private static string? Text(JsonElement root, string property, int maxLength, string label, List<string> problems, bool required)
    {
        if (!root.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"カードの読取データに{label}がありません。");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"カードの読取データの{label}は文字列で送ってください。");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add($"カードの読取データに{label}がありません。");
            }

            return null;
        }

        if (text.Length > maxLength || text.Any(char.IsControl))
        {
            problems.Add($"カードの読取データの{label}が正しくありません。");
            return null;
        }

        return text;
    }

    private static DateOnly? Date(JsonElement root, string property, string label, List<string> problems, bool required)
    {
        var text = Text(root, property, 10, label, problems, required);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"カードの読取データの{label}が正しくありません（例：1985-04-12）。");
        return null;
    }
}
