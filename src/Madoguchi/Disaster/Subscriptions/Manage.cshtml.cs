using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.Subscriptions;

/// <summary>
/// The link mailed at registration: confirm, see what is registered, stop. Opening it changes
/// nothing (mail scanners open links); each action is a button. An unknown token is a 404.
/// </summary>
public sealed class ManageModel(MadoguchiDb db, Unsubscribing unsubscribing, IStringLocalizer<SharedResource> l) : PageModel
{
    public Subscriber Subscriber { get; private set; } = null!;
    public IReadOnlyList<string> AreaNames { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(token, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct) || Subscriber.UnsubscribedAt is not null)
        {
            return NotFound();
        }

        Subscriber.ConfirmedAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["登録を確定しました。選んだ地区の避難情報をお知らせします。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/disaster/subscription/{token}");
    }

    public async Task<IActionResult> OnPostUnsubscribeAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        await unsubscribing.UnsubscribeAsync(Subscriber, ct);
        TempData["notice"] = l["配信を停止しました。これ以降、お知らせは届きません。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/disaster/subscription/{token}");
    }

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        if (token.Length != 48)
        {
            return false;
        }

        var hash = Subscriber.Hash(token);
        var found = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (found is null)
        {
            return false;
        }

        Subscriber = found;
        AreaNames = await (from sa in db.Set<SubscriberArea>()
                           join a in db.Set<DisasterArea>() on sa.AreaId equals a.Id
                           where sa.SubscriberId == found.Id
                           orderby a.SortOrder, a.Name
                           select a.Name).ToListAsync(ct);
        return true;
    }
}
