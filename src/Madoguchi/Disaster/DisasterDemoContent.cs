using Madoguchi.Disaster.Shelters;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Demo;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster;

/// <summary>Each demo municipality gets its 地区 (the old towns merged into it), a few shelters (closed) and its disaster settings.</summary>
internal sealed class DisasterDemoContent(MadoguchiDb db, DisasterAccess access) : IDemoContent
{
    private static readonly Dictionary<string, (string Ja, string En)[]> Areas = new()
    {
        ["042030"] = [("本町", "Honcho"), ("海岸通", "Kaigandori"), ("新浜町", "Shinhamacho"), ("玉川", "Tamagawa"), ("花立", "Hanadate"), ("浦戸", "Urato islands")],
        ["042153"] = [("古川", "Furukawa"), ("松山", "Matsuyama"), ("三本木", "Sanbongi"), ("鹿島台", "Kashimadai"), ("岩出山", "Iwadeyama"), ("鳴子", "Naruko"), ("田尻", "Tajiri")],
        ["042137"] = [("築館", "Tsukidate"), ("若柳", "Wakayanagi"), ("栗駒", "Kurikoma"), ("高清水", "Takashimizu"), ("一迫", "Ichihasama"), ("瀬峰", "Semine"), ("鶯沢", "Uguisuzawa"), ("金成", "Kannari"), ("志波姫", "Shiwahime"), ("花山", "Hanayama")],
        ["042021"] = [("石巻", "Ishinomaki"), ("河北", "Kahoku"), ("雄勝", "Ogatsu"), ("河南", "Kanan"), ("桃生", "Monou"), ("北上", "Kitakami"), ("牡鹿", "Oshika")],
        ["222232"] = [("御前崎", "Omaezaki"), ("白羽", "Shiroha"), ("池新田", "Ikeshinden"), ("佐倉", "Sakura"), ("新野", "Niino")],
    };

    public async Task EnsureAsync(Guid tenantId)
    {
        var code = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Code).SingleAsync();
        if (Areas.TryGetValue(code, out var areas))
        {
            var existing = await db.Set<DisasterArea>().Select(a => a.Name).ToListAsync();
            var order = 0;
            foreach (var (ja, en) in areas)
            {
                order++;
                if (!existing.Contains(ja))
                {
                    db.Add(new DisasterArea { TenantId = tenantId, Name = ja, NameEn = en, SortOrder = order });
                }
            }
        }

        if (DemoShelters.ByMunicipality.TryGetValue(code, out var places))
        {
            var known = await db.Set<Shelter>().Select(s => s.Code).ToListAsync();
            foreach (var p in places.Where(p => !known.Contains(p.Code)))
            {
                db.Add(new Shelter
                {
                    TenantId = tenantId,
                    Code = p.Code,
                    Name = p.Name,
                    NameEn = p.NameEn,
                    Address = p.Address,
                    Latitude = p.Latitude,
                    Longitude = p.Longitude,
                    Capacity = p.Capacity,
                    Hazards = p.Hazards,
                    IsEmergencyPlace = true,
                    IsShelter = true,
                });
            }
        }

        var settings = await access.SettingsAsync(CancellationToken.None);
        if (db.Entry(settings).State == EntityState.Detached)
        {
            settings.TenantId = tenantId;
            db.Add(settings);
        }

        await db.SaveChangesAsync();
    }
}
