using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Demo;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Demo;

/// <summary>
/// Each demo municipality's 市民課 gets two services: 住民異動 (moves need time: 30-minute slots)
/// and 証明書発行 (certificates are quick: 15-minute slots), open on weekdays 8:30–17:15.
/// </summary>
internal sealed class CounterDemoContent(MadoguchiDb db) : IDemoContent
{
    private sealed record Template(string Code, string Name, string NameEn, string Description, int SlotMinutes, int Capacity);

    private static readonly Template[] Templates =
    [
        new("idou", "住民異動（転入・転出・転居）", "Change of address (moving in, out, within)",
            "転入届・転出届・転居届の手続き。本人確認書類とマイナンバーカードをお持ちください。", 30, 2),
        new("shomei", "証明書発行（住民票・印鑑登録証明書など）", "Certificates (residence, seal registration)",
            "住民票の写し、印鑑登録証明書、戸籍証明書などの発行。", 15, 3),
    ];

    public async Task EnsureAsync(Guid tenantId)
    {
        var shimin = await db.Departments.Where(d => d.Name == "市民課").Select(d => (Guid?)d.Id).FirstOrDefaultAsync();
        if (shimin is null)
        {
            return;
        }

        var existing = await db.Set<CounterService>().Select(s => s.Code).ToListAsync();
        var order = 0;
        foreach (var t in Templates)
        {
            order++;
            if (existing.Contains(t.Code))
            {
                continue;
            }

            var service = new CounterService
            {
                TenantId = tenantId, DepartmentId = shimin.Value, Code = t.Code, Name = t.Name, NameEn = t.NameEn,
                Description = t.Description, SlotMinutes = t.SlotMinutes, Capacity = t.Capacity, SortOrder = order,
            };
            db.Add(service);
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.Add(new CounterHours { TenantId = tenantId, ServiceId = service.Id, Weekday = day, OpensAt = 8 * 60 + 30, ClosesAt = 17 * 60 + 15 });
            }
        }

        await db.SaveChangesAsync();
    }
}
