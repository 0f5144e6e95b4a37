using Madoguchi.Reports.Catalogue;

namespace Madoguchi.Reports.Reporting;

/// <summary>A report as received from the form or from an Open311 client, before it is checked.</summary>
public sealed record ReportDraft(
    ReportCategory Category,
    string Description,
    string Address,
    Guid? FacilityId,
    double? Latitude,
    double? Longitude,
    IReadOnlyDictionary<string, string> Answers,
    Guid? ResidentId = null,
    string? Email = null,
    bool EmailVerified = false,
    Guid? UploadKey = null,
    Guid? ApiClientId = null);

/// <summary>A problem with a draft, at one of <see cref="ReportFields"/> (or an answer's question code).</summary>
public sealed record DraftProblem(string Field, string Message);

public static class ReportFields
{
    public const string Description = "description";
    public const string Location = "location";
    public const string Latitude = "lat";
    public const string Facility = "facility";
    public const string Email = "email";

    public static string Answer(string code) => "attribute[" + code + "]";
}
