using System.Text.Json;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Catalogue;

/// <summary>Turns a shipped template into a published procedure of a municipality, in one step.</summary>
public sealed class TemplateEnabler(MadoguchiDb db)
{
    public enum Outcome
    {
        Enabled,
        AlreadyEnabled,
        UnknownDepartment,
    }

    public async Task<Outcome> EnableAsync(ProcedureTemplate template, Guid departmentId, Guid? staffId, CancellationToken ct)
    {
        if (!await db.Departments.AnyAsync(d => d.Id == departmentId, ct))
        {
            return Outcome.UnknownDepartment;
        }

        if (await db.Set<Procedure>().AnyAsync(p => p.Key == template.Key, ct))
        {
            return Outcome.AlreadyEnabled;
        }

        var procedure = new Procedure
        {
            Key = template.Key, TemplateKey = template.Key, DepartmentId = departmentId,
            Title = template.Title, TitleEn = template.TitleEn, Description = template.Description, DescriptionEn = template.DescriptionEn,
            Category = template.Category, LifeEvents = Procedure.Joined(template.LifeEvents), Keywords = Procedure.Joined(template.Keywords),
            Assurance = template.Assurance, StandardProcessingDays = template.StandardProcessingDays,
            FeeYen = template.Fee.AmountYen, FeeNote = template.Fee.Note, Status = ProcedureStatus.Published, PublishedVersion = 1,
        };
        db.Add(procedure);
        db.Add(new ProcedureVersion
        {
            ProcedureId = procedure.Id, Number = 1, PublishedBy = staffId,
            Definition = JsonSerializer.Serialize(template, TemplateLibrary.JsonOptions),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Enabled;
        }
        catch (DbUpdateException)
        {
            // Enabled by a concurrent request a moment ago: the unique (tenant, key) index kept one.
            db.ChangeTracker.Clear();
            return Outcome.AlreadyEnabled;
        }
    }

    /// <summary>
    /// The department a template most likely belongs to in this municipality: the same name, else
    /// one whose name shares the template category's usual words (介護 → 介護/長寿/高齢 …).
    /// </summary>
    public static Guid? SuggestDepartment(ProcedureTemplate template, IReadOnlyList<(Guid Id, string Name)> departments)
    {
        var exact = departments.FirstOrDefault(d => d.Name == template.Department);
        if (exact.Name is not null)
        {
            return exact.Id;
        }

        string[] hints = template.Category switch
        {
            "子育て" => ["子育て", "こども", "子ども", "保育", "児童"],
            "介護" => ["介護", "長寿", "高齢"],
            "防災" => ["危機", "防災", "資産税"],
            "健康" => ["健康", "保健", "子育て"],
            _ => ["市民", "住民"],
        };
        foreach (var hint in hints)
        {
            var match = departments.FirstOrDefault(d => d.Name.Contains(hint, StringComparison.Ordinal));
            if (match.Name is not null)
            {
                return match.Id;
            }
        }

        return departments.Count > 0 ? departments[0].Id : null;
    }
}
