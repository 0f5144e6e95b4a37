using System.Text.Json.Nodes;

namespace Madoguchi.Procedures.Workflow;

/// <summary>
/// Who applied, as the 決定通知書 addresses them. Templates name the person filing in different
/// places (申請者, 請求者, 受給者, 届出者 …); the first filled one of these is taken.
/// </summary>
public static class ApplicantName
{
    private static readonly string[][] Paths =
    [
        ["applicant", "name"], ["claimant", "name"], ["recipient", "name"], ["filer", "name"], ["name"],
        ["guardians", "0", "name"], ["newHouseholdHead", "name"], ["movers", "0", "name"], ["insured", "name"],
    ];

    /// <summary>The applicant's name, or null when the form names nobody.</summary>
    public static string? Of(JsonObject data)
    {
        foreach (var path in Paths)
        {
            JsonNode? node = data;
            foreach (var step in path)
            {
                node = node switch
                {
                    JsonObject o => o[step],
                    JsonArray a when int.TryParse(step, out var i) && i < a.Count => a[i],
                    _ => null,
                };
            }

            if (node is JsonValue value && value.TryGetValue<string>(out var name) && !string.IsNullOrWhiteSpace(name))
            {
                return name.Trim();
            }
        }

        return null;
    }
}
