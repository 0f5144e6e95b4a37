using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Madoguchi.Payments.LocalStripe;

/// <summary>
/// The provider's hosted card page of a Checkout Session (<c>{prefix}/checkout/{id}</c>), as the
/// local server's stand-in for Stripe Checkout: a plain HTML form (no JavaScript) for card number,
/// expiry (MM/YY), security code and name, each labelled, with autocomplete tokens and its error next
/// to it. Stripe's documented test cards: 4242 4242 4242 4242 succeeds, 4000 0027 6000 3184 needs
/// 3-D Secure, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds; any
/// other valid number is refused as not a test card, as Stripe's test mode does.
/// </summary>
internal static class HostedCheckoutPage
{
    private const string Succeeds = "4242424242424242";
    private const string Needs3DSecure = "4000002760003184";
    private const string Declined = "4000000000000002";
    private const string InsufficientFunds = "4000000000009995";

    /// <summary>The provider pages' style sheet (served as a file: the demo host's CSP allows no inline style).</summary>
    public const string Css = """
        body{font-family:"Noto Sans CJK JP",sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.6}
        .provider{font-size:.9rem;color:#4a4a4a}
        label{display:block;font-weight:bold;margin-top:1rem}
        input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:2px solid #555;border-radius:6px}
        input[aria-invalid=true]{border-color:#b00020}
        .hint{font-size:.9rem;color:#4a4a4a;margin:.25rem 0}
        .field-error,.error-summary,.declined{color:#b00020}
        .error-summary,.declined{border:2px solid #b00020;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
        .error-summary a{color:#b00020}
        button{font:inherit;min-height:3rem;padding:.5rem 1.25rem;margin:1rem 0 .25rem;border-radius:8px;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff}
        button.secondary{background:#fff;color:#0b4f9c}
        a{color:#0b4f9c}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dd{margin:0}
        """;

    private sealed record Entry(string Number, string Expiry, string Cvc, string Name);

    public static IResult Show(HttpContext context, LocalStripeState state, string id, string prefix)
    {
        lock (state.Gate)
        {
            if (!state.Sessions.TryGetValue(id, out var session))
            {
                return Results.NotFound();
            }

            LocalCheckout.ExpireIfDue(state, session);
            return Page(session, prefix, new Entry("", "", "", ""), [], null);
        }
    }

    public static async Task<IResult> PayAsync(HttpContext context, LocalStripeState state, string id, string prefix)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var entry = new Entry(form["cardnumber"].ToString().Trim(), form["exp"].ToString().Trim(), form["cvc"].ToString().Trim(), form["name"].ToString().Trim());
        var request = context.Request;
        lock (state.Gate)
        {
            if (!state.Sessions.TryGetValue(id, out var session))
            {
                return Results.NotFound();
            }

            LocalCheckout.ExpireIfDue(state, session);
            if ((string?)session["status"] == "complete")
            {
                // A second click after the payment went through: back to the merchant, nothing charged twice.
                return SeeOther(LocalCheckout.SuccessUrl(session));
            }

            if ((string?)session["status"] != "open")
            {
                return Page(session, prefix, entry, [], null);
            }

            var errors = Validate(entry);
            if (errors.Count > 0)
            {
                return Page(session, prefix, entry with { Cvc = "" }, errors, null);
            }

            var intent = LocalCheckout.IntentOf(state, session);
            var number = Digits(entry.Number);
            switch (number)
            {
                case Succeeds:
                    LocalCheckout.Complete(state, session, intent);
                    return SeeOther(LocalCheckout.SuccessUrl(session));
                case Needs3DSecure:
                    var provider = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}";
                    intent["status"] = "requires_action";
                    intent["last_payment_error"] = null;
                    intent["next_action"] = new JsonObject
                    {
                        ["type"] = "redirect_to_url",
                        ["redirect_to_url"] = new JsonObject
                        {
                            ["url"] = $"{provider}/3ds/{(string)intent["id"]!}",
                            ["return_url"] = $"{provider}/checkout/{id}/authenticated",
                        },
                    };
                    return SeeOther($"{provider}/3ds/{(string)intent["id"]!}");
                default:
                    var (code, declineCode, message, shown) = number switch
                    {
                        Declined => ("card_declined", "generic_decline", "Your card was declined.", "カードが承認されませんでした。別のカードをお試しください。"),
                        InsufficientFunds => ("card_declined", "insufficient_funds", "Your card has insufficient funds.", "カードの残高（利用可能枠）が不足しています。別のカードをお試しください。"),
                        _ => ("card_declined", "test_mode_live_card", "Your card was declined. Your request was in test mode, but used a non test card.",
                            "テスト環境のため、テスト用のカード番号しか使えません。"),
                    };
                    Decline(state, intent, code, declineCode, message);
                    return Page(session, prefix, entry with { Number = "", Cvc = "" }, [], shown);
            }
        }
    }

    /// <summary>Back from 3-D Secure: paid → the merchant's success_url; failed → this page again with the reason.</summary>
    public static IResult AfterChallenge(HttpContext context, LocalStripeState state, string id, string prefix)
    {
        lock (state.Gate)
        {
            if (!state.Sessions.TryGetValue(id, out var session))
            {
                return Results.NotFound();
            }

            if ((string?)session["status"] == "complete")
            {
                return SeeOther(LocalCheckout.SuccessUrl(session));
            }

            var failed = (string?)session["payment_intent"] is { } pi && state.Intents.TryGetValue(pi, out var intent) && intent["last_payment_error"] is not null;
            return Page(session, prefix, new Entry("", "", "", ""), [], failed ? "カードの本人認証（3-Dセキュア）ができませんでした。もう一度お試しいただくか、別のカードをお使いください。" : null);
        }
    }

    private static void Decline(LocalStripeState state, JsonObject intent, string code, string declineCode, string message)
    {
        intent["status"] = "requires_payment_method";
        intent["next_action"] = null;
        intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = code, ["decline_code"] = declineCode, ["message"] = message };
        state.Emit("payment_intent.payment_failed", intent);
    }

    private static Dictionary<string, string> Validate(Entry entry)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var digits = Digits(entry.Number);
        if (entry.Number.Length == 0)
        {
            errors["cardnumber"] = "カード番号を入力してください。";
        }
        else if (digits.Length is < 12 or > 19 || entry.Number.Any(c => !char.IsAsciiDigit(c) && c is not ' ' and not '-') || !Luhn(digits))
        {
            errors["cardnumber"] = "カード番号が正しくありません。カードに書かれた番号を確認してください。";
        }

        if (entry.Expiry.Length == 0)
        {
            errors["exp"] = "有効期限を入力してください。";
        }
        else if (ExpiryMonth(entry.Expiry) is not { } month)
        {
            errors["exp"] = "有効期限は「月/年」の形（例：12/30）で入力してください。";
        }
        else if (month < new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1))
        {
            errors["exp"] = "このカードは有効期限が切れています。";
        }

        if (entry.Cvc.Length is < 3 or > 4 || !entry.Cvc.All(char.IsAsciiDigit))
        {
            errors["cvc"] = entry.Cvc.Length == 0 ? "セキュリティコードを入力してください。" : "セキュリティコードは3桁または4桁の数字です。";
        }

        if (entry.Name.Length == 0)
        {
            errors["name"] = "カード名義を入力してください。";
        }

        return errors;
    }

    private static string Digits(string number) => new(number.Where(char.IsAsciiDigit).ToArray());

    /// <summary>The Luhn (mod 10) check digit every card number carries.</summary>
    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>MM/YY (also MM/YYYY, MMYY, with spaces) as the first day of that month; the card is valid to the end of it.</summary>
    private static DateOnly? ExpiryMonth(string text)
    {
        var parts = text.Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (parts.Length == 1 && parts[0].Length == 4)
        {
            parts = [parts[0][..2], parts[0][2..]];
        }

        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || month is < 1 or > 12
            || parts[1].Length is not (2 or 4))
        {
            return null;
        }

        return new DateOnly(parts[1].Length == 2 ? 2000 + year : year, month, 1);
    }

    private static IResult SeeOther(string url) => new SeeOtherResult(url);

    private static IResult Page(JsonObject session, string prefix, Entry entry, Dictionary<string, string> errors, string? declined)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var status = (string?)session["status"];
        var amount = ((long)session["amount_total"]!).ToString("N0", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{(errors.Count > 0 ? "入力内容の確認 - " : "")}カードでのお支払い（テスト）</title>
            <link rel="stylesheet" href="{E(prefix)}/assets/provider.css">
            </head><body><main>
            <p class="provider">決済事業者のお支払いページ（テスト環境）</p>
            <h1>カードでのお支払い</h1>
            <dl><dt>お支払い内容</dt><dd>{E((string?)session["line_items_summary"])}</dd><dt>金額</dt><dd class="amount">{amount}円</dd></dl>
            """);
        if (status == "complete")
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p>このお支払いは完了しています。</p><p><a href="{E(LocalCheckout.SuccessUrl(session))}">お申込み先のページに戻る</a></p>""");
        }
        else if (status == "expired")
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p>このお支払いページは有効期限が切れました。料金は請求されていません。</p><p><a href="{E((string?)session["cancel_url"])}">お申込み先のページに戻る</a></p>""");
        }
        else
        {
            if (errors.Count > 0)
            {
                html.Append("""<div class="error-summary" role="alert"><h2>入力内容を確認してください</h2><ul>""");
                foreach (var (field, message) in errors)
                {
                    html.Append(CultureInfo.InvariantCulture, $"""<li><a href="#{field}">{E(message)}</a></li>""");
                }

                html.Append("</ul></div>");
            }

            if (declined is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<div class="declined" role="alert"><p>{E(declined)}</p></div>""");
            }

            html.Append("""
                <p class="hint">テスト用のカード番号：4242 4242 4242 4242（成功）、4000 0027 6000 3184（本人認証あり）、4000 0000 0000 0002（承認されない）、4000 0000 0000 9995（残高不足）。有効期限は将来の月、セキュリティコードは任意の3桁です。</p>
                <form method="post" novalidate>
                """);
            Field(html, errors, "cardnumber", "カード番号", "cc-number", "text", entry.Number, "numeric", "カードの表面の数字（12〜19桁）");
            Field(html, errors, "exp", "有効期限（月/年）", "cc-exp", "text", entry.Expiry, "numeric", "例：12/30");
            Field(html, errors, "cvc", "セキュリティコード", "cc-csc", "text", entry.Cvc, "numeric", "カードの裏面の3桁（または表面の4桁）");
            Field(html, errors, "name", "カード名義", "cc-name", "text", entry.Name, null, "カードに書かれたローマ字の名前");
            html.Append(CultureInfo.InvariantCulture, $"""<button type="submit">{amount}円を支払う</button></form>""");
            html.Append(CultureInfo.InvariantCulture, $"""<p><a href="{E((string?)session["cancel_url"])}">支払わずに戻る</a></p>""");
        }

        html.Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static void Field(StringBuilder html, Dictionary<string, string> errors, string name, string label, string autocomplete, string type, string value, string? inputMode, string hint)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var error = errors.GetValueOrDefault(name);
        var describedBy = error is null ? $"{name}-hint" : $"{name}-hint {name}-error";
        html.Append(CultureInfo.InvariantCulture, $"""<label for="{name}">{label}</label><p class="hint" id="{name}-hint">{E(hint)}</p>""");
        if (error is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="field-error" id="{name}-error">{E(error)}</p>""");
        }

        html.Append(CultureInfo.InvariantCulture,
            $"""<input id="{name}" name="{name}" type="{type}" autocomplete="{autocomplete}"{(inputMode is null ? "" : $" inputmode=\"{inputMode}\"")} value="{E(value)}" aria-describedby="{describedBy}"{(error is null ? "" : " aria-invalid=\"true\"")} required>""");
    }

    /// <summary>303 See Other: the browser follows with a GET (the card form is never posted again).</summary>
    private sealed class SeeOtherResult(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}
