using System.Text.Json;
using System.Text.Json.Serialization;

namespace Madoguchi.Reports.Catalogue;

/// <summary>
/// An extra question of a category (街灯の管理番号, 危険の程度 …). Mirrors an Open311 service
/// definition attribute: <see cref="Choices"/> empty means free text ("string"), otherwise one of
/// them ("singlevaluelist").
/// </summary>
public sealed record CategoryQuestion(string Code, string Label, bool Required, IReadOnlyList<string> Choices, string? Hint = null)
{
    public const int MaxAnswerLength = 200;

    /// <summary>The choices of a yes/no question, in this order.</summary>
    public static readonly IReadOnlyList<string> YesNo = ["はい", "いいえ"];

    /// <summary>Derived from the choices, so stored questions need no separate type field (and Open311 sees a list either way).</summary>
    [JsonIgnore]
    public QuestionKind Kind => Choices.Count == 0 ? QuestionKind.Text : Choices.SequenceEqual(YesNo) ? QuestionKind.YesNo : QuestionKind.Choice;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<CategoryQuestion> Parse(string json) =>
        JsonSerializer.Deserialize<List<CategoryQuestion>>(json, Json) ?? [];

    public static string Serialize(IEnumerable<CategoryQuestion> questions) => JsonSerializer.Serialize(questions.ToList(), Json);

    public static IReadOnlyDictionary<string, string> ParseAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [];

    public static string SerializeAnswers(IReadOnlyDictionary<string, string> answers) => JsonSerializer.Serialize(answers, Json);
}
