using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Subscriptions;

/// <summary>
/// The unsubscribe link in every notice. GET shows a button; POST stops the notices. The POST
/// takes no antiforgery token because mail clients post it directly (RFC 8058 one-click,
/// "List-Unsubscribe=One-Click"); the sealed token in the address is the authority.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(MadoguchiDb db, DisasterLinks links, Unsubscribing unsubscribing) : PageModel
{
    public bool Done { get; private set; }
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var subscriber = await FindAsync(token, ct);
        if (subscriber is null)
        {
            return NotFound();
        }

        Email = subscriber.Email;
        Done = subscriber.UnsubscribedAt is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var subscriber = await FindAsync(token, ct);
        if (subscriber is null)
        {
            return NotFound();
        }

        await unsubscribing.UnsubscribeAsync(subscriber, ct);
        Email = subscriber.Email;
        Done = true;
        return Page();
    }

    private async Task<Subscriber?> FindAsync(string token, CancellationToken ct) =>
        links.SubscriberOf(token) is { } id ? await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.Id == id, ct) : null;
}
