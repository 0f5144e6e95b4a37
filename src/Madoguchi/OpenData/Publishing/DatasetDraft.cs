using Madoguchi.OpenData.Catalogue;

namespace Madoguchi.OpenData.Publishing;

/// <summary>
/// A dataset's description as a publisher submits it, from the staff form or the CKAN write API.
/// Also the shape of a change that waits for review (<see cref="Dataset.PendingChangesJson"/>).
/// </summary>
public sealed class DatasetDraft
{
    public string? Title { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string> Tags { get; set; } = [];
    public Guid? DepartmentId { get; set; }
    public Licence Licence { get; set; } = Licence.CcBy40;
    public UpdateFrequency UpdateFrequency { get; set; } = UpdateFrequency.Irregular;
    public string? StandardCode { get; set; }
    public string? SpatialCoverage { get; set; }
    public DateOnly? TemporalFrom { get; set; }
    public DateOnly? TemporalTo { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    public static DatasetDraft Of(Dataset d) => new()
    {
        Title = d.Title, Name = d.Name, Description = d.Description, Tags = d.Tags.Select(t => t.Name).ToList(), DepartmentId = d.DepartmentId,
        Licence = d.Licence, UpdateFrequency = d.UpdateFrequency, StandardCode = d.StandardCode, SpatialCoverage = d.SpatialCoverage,
        TemporalFrom = d.TemporalFrom, TemporalTo = d.TemporalTo, ContactName = d.ContactName, ContactEmail = d.ContactEmail, ContactPhone = d.ContactPhone,
    };

    public static List<string> TagList(string? tags) =>
        (tags ?? "").Split([',', '、', '，', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Length > 0).Distinct().Take(20).ToList();
}
