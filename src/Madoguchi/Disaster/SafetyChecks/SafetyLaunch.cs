using System.ComponentModel.DataAnnotations;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Csv;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.SafetyChecks;

/// <summary>
/// Starts a campaign: builds the target list (subscribers of areas, an uploaded list, or the
/// municipality's staff), gives each a personal link and queues the mails, all in one transaction,
/// so a campaign never exists with half its people. People without e-mail are listed for calls.
/// </summary>
public sealed class SafetyLaunch(MadoguchiDb db, MailOutbox mail, DisasterLinks links, TenantContext tenant)
{
    public sealed record Person(string Name, string? Email, string? Phone, string? Area);

    public sealed record Result(SafetyCampaign? Campaign, IReadOnlyList<string> Problems);

    public async Task<List<Person>> SubscribersOfAsync(IReadOnlyCollection<Guid> areaIds, CancellationToken ct)
    {
        var rows = await (from s in db.Set<Subscriber>()
                          join sa in db.Set<SubscriberArea>() on s.Id equals sa.SubscriberId
                          join a in db.Set<DisasterArea>() on sa.AreaId equals a.Id
                          where s.ConfirmedAt != null && s.UnsubscribedAt == null && areaIds.Contains(sa.AreaId)
                          select new { s.Email, a.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.Email).Select(g => new Person(g.Key, g.Key, null, string.Join("・", g.Select(x => x.Name).Distinct()))).ToList();
    }

    public async Task<List<Person>> StaffAsync(CancellationToken ct) =>
        await db.Set<StaffUser>().Where(u => u.TenantId == tenant.TenantId && u.Email != null)
            .Select(u => new Person(u.DisplayName, u.Email, u.PhoneNumber, null)).ToListAsync(ct);

    /// <summary>The uploaded list: columns 氏名 (required), メールアドレス, 電話番号, 地区; a row needs an e-mail or a phone.</summary>
    public static async Task<(List<Person> People, List<string> Problems)> ParseListAsync(byte[] bytes, CancellationToken ct)
    {
        var csv = await CsvFile.ReadAsync(bytes, ct);
        var people = new List<Person>();
        var problems = new List<string>();
        if (csv.Error is { } error)
        {
            return (people, [error]);
        }

        int Col(params string[] names) => csv.Column(names);
        var name = Col("氏名", "名前");
        var email = Col("メールアドレス", "連絡先メールアドレス");
        var phone = Col("電話番号");
        var area = Col("地区");
        if (name < 0)
        {
            return (people, ["1行目に「氏名」の列が見つかりません。列は 氏名, メールアドレス, 電話番号, 地区 です。"]);
        }

        var check = new EmailAddressAttribute();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in csv.Records)
        {
            string Cell(int i) => row[i];
            var line = row.Row;
            var (n, e, p, a) = (Cell(name), Cell(email), Cell(phone), Cell(area));
            if (n.Length == 0)
            {
                problems.Add($"{line}行目：氏名がありません。");
            }
            else if (n.Length > 100)
            {
                problems.Add($"{line}行目：氏名が長すぎます（100文字まで）。");
            }
            else if (e.Length == 0 && p.Length == 0)
            {
                problems.Add($"{line}行目：メールアドレスか電話番号のどちらかが必要です。");
            }
            else if (e.Length > 0 && !check.IsValid(e))
            {
                problems.Add($"{line}行目：メールアドレスの形式が正しくありません（「{e}」）。");
            }
            else if (e.Length > 0 && !seen.Add(e))
            {
                problems.Add($"{line}行目：メールアドレス「{e}」が前の行と重複しています。");
            }
            else
            {
                people.Add(new Person(n, e.Length == 0 ? null : e, p.Length == 0 ? null : p[..Math.Min(p.Length, 50)], a.Length == 0 ? null : a[..Math.Min(a.Length, 60)]));
            }
        }

        return (people, problems);
    }

    public async Task<SafetyCampaign> StartAsync(string title, string message, SafetyTargetSource source, string createdBy, IReadOnlyList<Person> people, CancellationToken ct)
    {
        var campaign = new SafetyCampaign { Title = title, Message = message, Source = source, CreatedByName = createdBy };
        db.Add(campaign);
        foreach (var person in people)
        {
            var token = SafetyTarget.NewToken();
            db.Add(new SafetyTarget
            {
                CampaignId = campaign.Id, Name = person.Name, Email = person.Email, Phone = person.Phone, Area = person.Area, TokenHash = SafetyTarget.Hash(token),
            });
            if (person.Email is { } to)
            {
                var link = $"{links.Base()}/{tenant.Code}/safety/{token}";
                mail.Enqueue(to, $"【安否確認】{title}（{tenant.Name}）",
                    $"{tenant.Name}から安否確認のお願いです。\n\n{message}\n\n次のリンクを開き、「無事」「支援が必要」「避難所にいる」のどれかを選んで送ってください。\n{link}\n\nこのリンクはあなた専用です。他の人に転送しないでください。");
            }
        }

        await db.SaveChangesAsync(ct);
        return campaign;
    }
}
