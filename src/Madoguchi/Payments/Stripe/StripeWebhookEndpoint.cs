using System.Text;
using System.Text.Json;
using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Payments.Stripe;

/// <summary>
/// POST /payments/webhooks/stripe (the installation's account) and /payments/webhooks/stripe/{tenantCode}
/// (a municipality's own account, verified with its own signing secret): one endpoint per provider
/// account, as Stripe configures it. An event changes only payments made with the account that
/// signed it. The
/// signature is checked over the raw body before anything is read; the municipality comes from the
/// session's or the intent's metadata (which only we set). checkout.session.completed and
/// payment_intent.succeeded both report one success: whichever comes first settles, the other finds
/// it settled. Each event id is taken once (unique index); a repeat
/// answers 200 so the provider stops retrying, and changes nothing.
/// </summary>
internal static class StripeWebhookEndpoint
{
    public const string Path = "/payments/webhooks/stripe";

    public static void MapStripeWebhook(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, (HttpContext c, IOptions<PaymentsOptions> o, TimeProvider t, CancellationToken ct) => HandleAsync(c, null, o, t, ct))
            .DisableAntiforgery().AllowAnonymous();
        routes.MapPost(Path + "/{tenantCode}", (HttpContext c, string tenantCode, IOptions<PaymentsOptions> o, TimeProvider t, CancellationToken ct) => HandleAsync(c, tenantCode, o, t, ct))
            .DisableAntiforgery().AllowAnonymous();
    }

    private static async Task<IResult> HandleAsync(HttpContext context, string? routeTenant, IOptions<PaymentsOptions> options, TimeProvider time, CancellationToken ct)
    {
        var o = options.Value;
        var directory = context.RequestServices.GetRequiredService<TenantDirectory>();
        var tenantContext = context.RequestServices.GetRequiredService<TenantContext>();
        string? secret = o.StripeWebhookSecret;
        var signedByOwnAccount = false;
        if (routeTenant is not null)
        {
            // A municipality's endpoint: its own account's signing secret (or the installation's when it has none).
            if (await directory.FindByCodeAsync(routeTenant, ct) is not { } endpointTenant)
            {
                return TypedResults.NotFound();
            }

            tenantContext.Set(endpointTenant.Id, endpointTenant.Code, endpointTenant.Name, endpointTenant.NameEn);
            var account = await context.RequestServices.GetRequiredService<Accounts.ProviderAccounts>().CurrentAsync(ct);
            secret = account?.WebhookSecret;
            signedByOwnAccount = account?.OwnAccount == true;
        }

        if (string.IsNullOrEmpty(secret))
        {
            return TypedResults.NotFound();
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var payload = await reader.ReadToEndAsync(ct);
        var check = StripeSignature.Verify(payload, context.Request.Headers[StripeSignature.Header], secret, time.GetUtcNow(), o.WebhookToleranceSeconds);
        if (check != StripeSignature.Check.Valid)
        {
            return TypedResults.BadRequest(new { error = check == StripeSignature.Check.TooOld ? "timestamp outside the tolerance" : "invalid signature" });
        }

        string eventId, type;
        JsonElement obj;
        long created;
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            eventId = root.GetProperty("id").GetString()!;
            type = root.GetProperty("type").GetString()!;
            created = root.GetProperty("created").GetInt64();
            obj = root.GetProperty("data").GetProperty("object").Clone();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return TypedResults.BadRequest(new { error = "not an event" });
        }

        string? tenantCode = null;
        string? paymentIntentId = null;
        string? sessionId = null;
        var kind = obj.TryGetProperty("object", out var k) ? k.GetString() : null;
        if (kind is "payment_intent" or "checkout.session")
        {
            var id = obj.GetProperty("id").GetString();
            if (kind == "payment_intent")
            {
                paymentIntentId = id;
            }
            else
            {
                sessionId = id;
            }

            if (obj.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("tenant", out var t))
            {
                tenantCode = t.GetString();
            }
        }

        if (tenantCode is null || (routeTenant is not null && tenantCode != routeTenant) || await directory.FindByCodeAsync(tenantCode, ct) is not { } found)
        {
            // Not ours to act on (another integration's event, or a refund event: refunds are
            // recorded when made). Acknowledged so the provider does not retry it for days.
            return TypedResults.Ok(new { received = true, ignored = true });
        }

        tenantContext.Set(found.Id, found.Code, found.Name, found.NameEn);
        var db = context.RequestServices.GetRequiredService<MadoguchiDb>();
        var ledger = context.RequestServices.GetRequiredService<PaymentLedger>();
        if (await db.Set<ProviderEvent>().AnyAsync(e => e.EventId == eventId, ct))
        {
            return TypedResults.Ok(new { received = true, duplicate = true });
        }

        var payment = sessionId is not null
            ? await db.Set<Payment>().SingleOrDefaultAsync(p => p.Provider == PaymentProvider.Stripe && p.CheckoutSessionId == sessionId, ct)
            : await db.Set<Payment>().SingleOrDefaultAsync(p => p.Provider == PaymentProvider.Stripe && p.ProviderPaymentId == paymentIntentId, ct);
        if (payment is null && obj.GetProperty("metadata").TryGetProperty("payment_id", out var pid) && Guid.TryParse(pid.GetString(), out var paymentId))
        {
            // The intent is made on the provider's page, so its id is learnt from the first event or
            // return; the session's id may be missing too if the create call's answer was lost.
            payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        }

        // The event is recorded first: a concurrent delivery of the same event fails on the unique
        // index here and changes nothing.
        var record = new ProviderEvent
        {
            TenantId = found.Id, EventId = eventId, Type = type, PaymentId = payment?.Id,
            CreatedAt = DateTimeOffset.FromUnixTimeSeconds(created).UtcDateTime, ReceivedAt = time.GetUtcNow().UtcDateTime, Outcome = "received",
        };
        db.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Ok(new { received = true, duplicate = true });
        }

        if (payment is null)
        {
            record.Outcome = "no payment for this intent";
        }
        else if (payment.OnOwnAccount != signedByOwnAccount)
        {
            // Signed by another account than the one that took this payment: not its word to give.
            record.Outcome = "signed by another account: not applied";
        }
        else if (type.StartsWith("payment_intent.", StringComparison.Ordinal) && kind == "payment_intent")
        {
            record.Outcome = await ledger.ApplyIntentAsync(payment, PaymentIntent.Parse(obj), ct);
        }
        else if (type is "checkout.session.completed" or "checkout.session.async_payment_succeeded" or "checkout.session.expired" && kind == "checkout.session")
        {
            record.Outcome = await ledger.ApplySessionAsync(payment, CheckoutSession.Parse(obj), ct);
        }
        else
        {
            record.Outcome = "ignored";
        }

        if (db.Entry(record).State == EntityState.Detached)
        {
            // The submission it led to started over after a race and cleared the change tracker.
            db.Attach(record).Property(r => r.Outcome).IsModified = true;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new { received = true });
    }
}
