using System.Globalization;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Counter;

/// <summary>A municipality with one counter service open every day 9:00–17:00 (30-minute slots), and helpers to book it.</summary>
public static class CounterScenario
{
    public sealed record Setup(TestData.TenantInfo Tenant, Guid ServiceId, string Code, int Capacity);

    public static async Task<Setup> ServiceAsync(this MadoguchiApp app, int capacity = 2, TestData.TenantInfo? tenant = null)
    {
        tenant ??= await app.TenantAsync();
        var code = "svc" + Guid.NewGuid().ToString("N")[..8];
        var service = new CounterService
        {
            TenantId = tenant.Id, DepartmentId = tenant.DepartmentId, Code = code, Name = "住民異動", SlotMinutes = 30,
            Capacity = capacity, BookingDaysAhead = 365,
        };
        await app.DbAsync(async db =>
        {
            db.Add(service);
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                db.Add(new CounterHours { TenantId = tenant.Id, ServiceId = service.Id, Weekday = day, OpensAt = 9 * 60, ClosesAt = 17 * 60 });
            }

            await db.SaveChangesAsync();
        });
        return new Setup(tenant, service.Id, code, capacity);
    }

    /// <summary>The first day after today on which the counter is open (not a holiday, not the year end).</summary>
    public static DateOnly NextOpenDay(int after = 1)
    {
        var d = SlotRules.TodayInJapan(DateTime.UtcNow).AddDays(after);
        while (JapaneseHolidays.IsHoliday(d) || JapaneseHolidays.IsYearEndClosure(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    /// <summary>The next public holiday outside the year-end closure (e.g. 成人の日).</summary>
    public static DateOnly NextHoliday()
    {
        var d = SlotRules.TodayInJapan(DateTime.UtcNow).AddDays(1);
        while (!JapaneseHolidays.IsHoliday(d) || JapaneseHolidays.IsYearEndClosure(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    public static string Day(this Setup s, DateOnly d) => $"/{s.Tenant.Code}/counter/{s.Code}/{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static DateTime StartUtc(DateOnly d, string hhmm) =>
        Wareki.StartOfJapanDay(d).Add(TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture).ToTimeSpan());

    public static Task<List<OutboxMail>> MailsToAsync(this MadoguchiApp app, string email) =>
        app.DbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    /// <summary>The path of the first link in the latest mail to <paramref name="email"/> that contains <paramref name="part"/>.</summary>
    public static async Task<string> LinkInLatestMailAsync(this MadoguchiApp app, string email, string part)
    {
        var mail = (await app.MailsToAsync(email)).Last(m => m.TextBody.Contains(part, StringComparison.Ordinal));
        return new Uri(mail.TextBody.Split('\n').First(l => l.Contains(part, StringComparison.Ordinal)).Trim()).PathAndQuery;
    }

    /// <summary>Books through the e-mail flow (form, mail, confirmation link); returns the change/cancel page path.</summary>
    public static async Task<string> BookByMailAsync(this MadoguchiApp app, Setup s, DateOnly day, string start, string email, string name = "窓口 花子", HttpClient? browser = null)
    {
        browser ??= app.Browser();
        var response = await browser.SubmitAsync(s.Day(day), new Dictionary<string, string>
        {
            ["Input.Start"] = start, ["Input.Name"] = name, ["Input.Email"] = email,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/counter/mail-sent", response.Headers.Location!.OriginalString);
        var confirm = await app.LinkInLatestMailAsync(email, "/counter/confirm/");
        var booked = await browser.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Equal(System.Net.HttpStatusCode.Redirect, booked.StatusCode);
        var location = booked.Headers.Location!.OriginalString;
        Assert.Contains("/counter/reservations/", location);
        return location;
    }
}
