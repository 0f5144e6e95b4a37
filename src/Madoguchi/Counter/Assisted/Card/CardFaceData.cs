namespace Madoguchi.Counter.Assisted.Card;

/// <summary>
/// The face data (券面事項) of a My Number card as the card-reader client sends it, read through the
/// card's 券面事項入力補助AP: the 基本4情報 and, only when the reader was asked for it, the 個人番号.
/// The JSON contract (docs/counter-assisted.md, "Card data"):
/// <code>
/// { "version": 1, "name": "青葉　太郎", "address": "宮城県塩竈市旭町1丁目1番1号",
///   "birthDate": "1985-04-12", "gender": "男", "validUntil": "2030-04-12",
///   "nameKana": "アオバ　タロウ", "postalCode": "985-0111", "myNumber": "123456789018" }
/// </code>
/// name, address, birthDate and gender are required; the others are optional.
/// </summary>
public sealed record CardFaceData(
    string Name,
    string Address,
    DateOnly BirthDate,
    string Gender,
    DateOnly? ValidUntil,
    string? NameKana,
    string? PostalCode,
    string? MyNumber);
