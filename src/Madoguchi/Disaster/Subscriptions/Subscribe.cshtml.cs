using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Madoguchi.Disaster.Subscriptions.Channels;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.Subscriptions;

/// <summary>
/// 防災メールの登録: areas, language and channels, for anyone with an e-mail address (no account
/// needed). Nothing is sent until the link mailed to the address is opened. The answer is the same
/// whether the address was known or not, so the form does not reveal who subscribes.
/// </summary>
public sealed class SubscribeModel(MadoguchiDb db, MailOutbox mail, DisasterLinks links, TenantContext tenant,
    IHostEnvironment environment, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record AreaOption(Guid Id, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [MaxLength(320, ErrorMessage = "メールアドレスが長すぎます。")]
        public string Email { get; set; } = "";

        public List<Guid> AreaIds { get; set; } = [];

        public NoticeLanguage Language { get; set; } = NoticeLanguage.Japanese;

        public bool ByEmail { get; set; } = true;

        [MaxLength(2000, ErrorMessage = "WebhookのURLが長すぎます。")]
        public string? WebhookUrl { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];
    public bool Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sent = TempData["sent"] is true;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var areaIds = Input.AreaIds.Distinct().Where(id => Areas.Any(a => a.Id == id)).ToList();
        if (areaIds.Count == 0)
        {
            ModelState.AddModelError("Input.AreaIds", l["地区を一つ以上選んでください。"]);
        }

        var webhook = string.IsNullOrWhiteSpace(Input.WebhookUrl) ? null : Input.WebhookUrl.Trim();
        if (webhook is not null && !WebhookAddress.IsAllowed(webhook, environment))
        {
            ModelState.AddModelError("Input.WebhookUrl", l["WebhookのURLは https:// で始まるアドレスを入力してください。"]);
        }

        if (!Input.ByEmail && webhook is null)
        {
            ModelState.AddModelError("Input.ByEmail", l["受け取る方法を一つ以上選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var token = Subscriber.NewToken();
        var subscriber = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.Email == email, ct);
        if (subscriber is { UnsubscribedAt: null })
        {
            // Already registered (confirmed or not): only the owner of the mailbox may change it, through the link.
            subscriber.TokenHash = Subscriber.Hash(token);
            mail.Enqueue(email, l["防災メール：登録内容の確認・変更"], MailText(token, existing: true));
        }
        else
        {
            if (subscriber is null)
            {
                subscriber = new Subscriber { Email = email, TokenHash = Subscriber.Hash(token) };
                db.Add(subscriber);
            }
            else
            {
                subscriber.TokenHash = Subscriber.Hash(token);
                subscriber.UnsubscribedAt = null;
                subscriber.ConfirmedAt = null;
                await db.Set<SubscriberArea>().Where(a => a.SubscriberId == subscriber.Id).ExecuteDeleteAsync(ct);
            }

            subscriber.Language = Enum.IsDefined(Input.Language) ? Input.Language : NoticeLanguage.Japanese;
            subscriber.ByEmail = Input.ByEmail;
            subscriber.WebhookUrl = webhook;
            subscriber.WebhookSecret = webhook is null ? null : WebhookChannel.NewSecret();
            foreach (var id in areaIds)
            {
                db.Add(new SubscriberArea { SubscriberId = subscriber.Id, AreaId = id });
            }

            mail.Enqueue(email, l["防災メール：登録の確認"], MailText(token, existing: false));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same address sent twice at once: the first registration stands, its mail is on the way.
            db.ChangeTracker.Clear();
        }

        TempData["sent"] = true;
        return RedirectToPage();
    }

    private string MailText(string token, bool existing)
    {
        var link = links.Manage(tenant.Code!, token);
        var name = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? tenant.NameEn : tenant.Name;
        var lines = existing
            ? new[] { l["{0}の防災メールに、このアドレスは既に登録されています。登録内容の確認・配信停止は次のリンクから行えます。", name!].Value, link, l["心当たりがない場合は、このメールを破棄してください。"].Value }
            : new[] { l["{0}の防災メールへの登録を受け付けました。次のリンクを開き、「登録を確定する」を押すと配信が始まります。", name!].Value, link, l["心当たりがない場合は、このメールを破棄してください。登録は確定されません。"].Value };
        return string.Join("\n\n", lines);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Areas = await db.Set<DisasterArea>().Where(a => a.Active).OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new AreaOption(a.Id, en && a.NameEn != null ? a.NameEn : a.Name)).ToListAsync(ct);
    }
}
