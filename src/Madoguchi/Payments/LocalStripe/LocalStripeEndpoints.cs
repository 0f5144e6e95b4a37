using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;

namespace Madoguchi.Payments.LocalStripe;

/// <summary>
/// A local server speaking the Stripe API as published, for tests (Kestrel on 127.0.0.1) and demo
/// mode (mounted under /dev-stripe): Bearer secret key; Checkout Sessions (POST /v1/checkout/sessions,
/// GET …/{id}, POST …/{id}/expire) with their hosted card page (LocalCheckout), GET
/// /v1/payment_intents/{id}, POST /v1/refunds; Idempotency-Key honoured (same key and parameters:
/// the first answer again; other parameters: 400 idempotency_error); Stripe's error JSON; a 3-D
/// Secure challenge page that redirects to return_url; signed webhooks (Stripe-Signature); a
/// settlement report CSV.
/// </summary>
public static class LocalStripeEndpoints
{
    public static void MapLocalStripe(this IEndpointRouteBuilder routes, string prefix, LocalStripeState state)
    {
        var group = routes.MapGroup(prefix);
        group.MapPost("/v1/checkout/sessions", (HttpContext c, CancellationToken _) => ApiAsync(c, state, form => LocalCheckout.Create(c, state, form, prefix))).DisableAntiforgery();
        group.MapGet("/v1/checkout/sessions/{id}", (HttpContext c, string id) => ApiAsync(c, state, _ => LocalCheckout.Retrieve(state, id)));
        group.MapPost("/v1/checkout/sessions/{id}/expire", (HttpContext c, string id) => ApiAsync(c, state, _ => LocalCheckout.Expire(state, id))).DisableAntiforgery();
        group.MapGet("/checkout/{id}", (HttpContext c, string id) => HostedCheckoutPage.Show(c, state, id, prefix));
        group.MapPost("/checkout/{id}", (HttpContext c, string id) => HostedCheckoutPage.PayAsync(c, state, id, prefix)).DisableAntiforgery();
        group.MapGet("/checkout/{id}/authenticated", (HttpContext c, string id) => HostedCheckoutPage.AfterChallenge(c, state, id, prefix));
        group.MapGet("/assets/provider.css", () => Results.Text(HostedCheckoutPage.Css, "text/css; charset=utf-8"));
        group.MapGet("/v1/payment_intents/{id}", (HttpContext c, string id) => ApiAsync(c, state, _ => Retrieve(state, id)));
        group.MapPost("/v1/refunds", (HttpContext c, CancellationToken _) => ApiAsync(c, state, form => CreateRefund(state, form))).DisableAntiforgery();
        group.MapGet("/3ds/{id}", (HttpContext c, string id) => Challenge(state, id, prefix));
        group.MapPost("/3ds/{id}", (HttpContext c, string id) => CompleteChallengeAsync(c, state, id)).DisableAntiforgery();
        group.MapGet("/reports/settlement.csv", (HttpContext c) => SettlementCsv(state));
    }

    internal static async Task<IResult> ApiAsync(HttpContext context, LocalStripeState state, Func<IFormCollection, (int Status, JsonObject Body)> handle)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        var caller = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        bool known;
        lock (state.Gate) { known = state.Knows(caller); }
        if (!known)
        {
            return Error(401, "invalid_request_error", null, "Invalid API Key provided.");
        }

        bool slow;
        lock (state.Gate)
        {
            if (state.FailNextWith500 > 0)
            {
                state.FailNextWith500--;
                return Error(500, "api_error", null, "An unknown error occurred on Stripe's servers.");
            }

            slow = HttpMethods.IsPost(request.Method) && state.AnswerNextSlowly > 0;
            if (slow)
            {
                state.AnswerNextSlowly--;
            }
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        (int Status, string Body) answer;
        lock (state.Gate)
        {
            // Keys are per account, as Stripe keeps them.
            var key = request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } given ? caller + "|" + given : "";
            state.Caller = caller;
            var fingerprint = request.Method + " " + request.Path + "?" + string.Join("&", form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
            if (key.Length > 0 && state.Idempotent.TryGetValue(key, out var kept))
            {
                answer = kept.Fingerprint == fingerprint
                    ? (kept.Status, kept.Body)
                    : (400, ErrorBody("idempotency_error", null,
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key[(caller.Length + 1)..]}' if you meant to execute a different request."));
            }
            else
            {
                var (status, body) = handle(form);
                answer = (status, body.ToJsonString());
                if (key.Length > 0 && HttpMethods.IsPost(request.Method))
                {
                    state.Idempotent[key] = (fingerprint, status, answer.Body);
                }
            }
        }

        if (slow)
        {
            // Done and kept under its key; only the answer is late, as when a connection drops.
            await Task.Delay(state.SlowAnswer, CancellationToken.None);
        }

        return Results.Content(answer.Body, "application/json", Encoding.UTF8, answer.Status);
    }

    private static (int, JsonObject) Retrieve(LocalStripeState state, string id) =>
        state.Intents.TryGetValue(id, out var intent) && state.Owner.GetValueOrDefault(id) == state.Caller
            ? (200, (JsonObject)intent.DeepClone())
            : (404, ErrorObject("invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'", "intent"));

    private static (int, JsonObject) CreateRefund(LocalStripeState state, IFormCollection form)
    {
        var pi = form["payment_intent"].ToString();
        if (!state.Intents.TryGetValue(pi, out var intent) || state.Owner.GetValueOrDefault(pi) != state.Caller)
        {
            return (400, ErrorObject("invalid_request_error", "resource_missing", $"No such payment_intent: '{pi}'", "payment_intent"));
        }

        var received = (long)intent["amount_received"]!;
        var refunded = state.Refunds.Values.Where(r => (string?)r["payment_intent"] == pi && (string?)r["status"] == "succeeded").Sum(r => (long)r["amount"]!);
        var amount = form.ContainsKey("amount") && long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : received - refunded;
        if ((string?)intent["status"] != "succeeded")
        {
            return (400, ErrorObject("invalid_request_error", "charge_not_refundable", "This PaymentIntent has no successful charge to refund.", "payment_intent"));
        }

        if (amount <= 0 || refunded + amount > received)
        {
            return (400, ErrorObject("invalid_request_error", "charge_already_refunded",
                $"Refund amount (¥{amount}) is greater than unrefunded amount on charge (¥{received - refunded})", "amount"));
        }

        var id = state.NextId("re");
        var refund = new JsonObject
        {
            ["id"] = id,
            ["object"] = "refund",
            ["amount"] = amount,
            ["currency"] = (string?)intent["currency"],
            ["payment_intent"] = pi,
            ["reason"] = form["reason"].ToString(),
            ["status"] = "succeeded",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        state.Refunds[id] = refund;
        state.Owner[id] = state.Caller;
        state.Created(refund: true);
        state.Settlement.Add(new LocalStripeState.SettlementLine("txn_" + id[3..], DateTime.UtcNow, "refund", -amount, 0, pi,
            (string?)intent["metadata"]?["application_id"] ?? ""));
        state.Emit("refund.created", refund);
        return (200, refund);
    }

    internal static void Succeed(LocalStripeState state, JsonObject intent)
    {
        var amount = (long)intent["amount"]!;
        intent["status"] = "succeeded";
        intent["amount_received"] = amount;
        intent["next_action"] = null;
        intent["latest_charge"] = "ch_" + ((string)intent["id"]!)[3..];
        state.Settlement.Add(new LocalStripeState.SettlementLine("txn_" + ((string)intent["id"]!)[3..], DateTime.UtcNow, "charge", amount,
            (long)Math.Round(amount * 0.036m), (string)intent["id"]!, (string?)intent["metadata"]?["application_id"] ?? ""));
        state.Emit("payment_intent.succeeded", intent);
    }

    /// <summary>The card issuer's 3-D Secure page, as a test stand-in: the resident authenticates or fails.</summary>
    private static IResult Challenge(LocalStripeState state, string id, string prefix)
    {
        JsonObject? intent;
        lock (state.Gate) { intent = state.Intents.GetValueOrDefault(id); }
        if (intent is null || (string?)intent["status"] != "requires_action")
        {
            return Results.NotFound();
        }

        var amount = ((long)intent["amount"]!).ToString("N0", CultureInfo.InvariantCulture);
        var description = WebUtility.HtmlEncode((string?)intent["description"] ?? "");
        var html = $$"""
            <!DOCTYPE html>
            <html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>本人認証（3-Dセキュア）テスト</title>
            <link rel="stylesheet" href="{{prefix}}/assets/provider.css">
            </head><body><main>
            <h1>本人認証（3-Dセキュア）</h1>
            <p>これは決済事業者のテスト用の本人認証ページです。実際のカード会社の画面ではありません。</p>
            <dl><dt>お支払い内容</dt><dd>{{description}}</dd><dt>金額</dt><dd>{{amount}}円</dd></dl>
            <form method="post"><input type="hidden" name="result" value="complete"><button type="submit">認証する</button></form>
            <form method="post"><input type="hidden" name="result" value="fail"><button type="submit" class="secondary">認証に失敗する</button></form>
            </main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> CompleteChallengeAsync(HttpContext context, LocalStripeState state, string id)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string returnUrl;
        string outcome;
        lock (state.Gate)
        {
            if (!state.Intents.TryGetValue(id, out var intent) || (string?)intent["status"] != "requires_action")
            {
                return Results.NotFound();
            }

            returnUrl = (string?)intent["next_action"]?["redirect_to_url"]?["return_url"] ?? "/";
            if (form["result"] == "complete")
            {
                Succeed(state, intent);
                // The session completes with its intent, whether or not the resident's browser comes back.
                if (state.Sessions.Values.FirstOrDefault(s => (string?)s["payment_intent"] == id) is { } session)
                {
                    LocalCheckout.Complete(state, session, intent);
                }

                outcome = "succeeded";
            }
            else
            {
                intent["status"] = "requires_payment_method";
                intent["next_action"] = null;
                intent["last_payment_error"] = new JsonObject
                {
                    ["type"] = "card_error", ["code"] = "payment_intent_authentication_failure",
                    ["message"] = "The provided PaymentMethod has failed authentication.",
                };
                state.Emit("payment_intent.payment_failed", intent);
                outcome = "failed";
            }
        }

        var query = new QueryBuilder { { "payment_intent", id }, { "redirect_status", outcome } };
        return Results.Redirect(returnUrl + (returnUrl.Contains('?', StringComparison.Ordinal) ? "&" + query.ToString()[1..] : query.ToString()));
    }

    /// <summary>The itemised balance report: one line per charge and refund that reached the balance.</summary>
    private static IResult SettlementCsv(LocalStripeState state)
    {
        var csv = new StringBuilder("balance_transaction_id,created_utc,reporting_category,currency,gross,fee,net,payment_intent_id,payment_metadata[application_id]\n");
        lock (state.Gate)
        {
            foreach (var l in state.Settlement)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{l.BalanceTransactionId},{l.CreatedUtc:yyyy-MM-dd HH:mm:ss},{l.Category},jpy,{l.Gross},{l.Fee},{l.Gross - l.Fee},{l.PaymentIntentId},{l.ApplicationId}\n");
            }
        }

        return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    private static IResult Error(int status, string type, string? code, string message) =>
        Results.Content(ErrorBody(type, code, message), "application/json", Encoding.UTF8, status);

    private static string ErrorBody(string type, string? code, string message) => ErrorObject(type, code, message, null).ToJsonString();

    internal static JsonObject ErrorObject(string type, string? code, string message, string? param)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        return new JsonObject { ["error"] = error };
    }
}
