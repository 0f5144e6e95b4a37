using System.Globalization;
using System.Text.Json.Nodes;

namespace Madoguchi.Payments.LocalStripe;

/// <summary>
/// Checkout Sessions as Stripe publishes them: created with line items (price_data), success_url with
/// the {CHECKOUT_SESSION_ID} placeholder, cancel_url, client_reference_id, metadata,
/// payment_intent_data[metadata], expires_at (30 minutes to 24 hours ahead); status open → complete
/// (payment_status paid) or expired. The intent is made when the resident first submits a card on
/// the hosted page (<see cref="HostedCheckoutPage"/>). Called under the state's lock.
/// </summary>
internal static class LocalCheckout
{
    public static (int, JsonObject) Create(HttpContext context, LocalStripeState state, IFormCollection form, string prefix)
    {
        if (form["mode"].ToString() is var mode && mode.Length == 0)
        {
            return Missing("mode");
        }

        if (mode != "payment")
        {
            return (400, LocalStripeEndpoints.ErrorObject("invalid_request_error", "parameter_invalid_string", "This server supports mode=payment only.", "mode"));
        }

        foreach (var required in new[] { "success_url", "cancel_url" })
        {
            if (!Uri.TryCreate(form[required].ToString(), UriKind.Absolute, out _))
            {
                return form[required].ToString().Length == 0 ? Missing(required)
                    : (400, LocalStripeEndpoints.ErrorObject("invalid_request_error", "url_invalid", "Not a valid URL", required));
            }
        }

        long total = 0;
        string? currency = null;
        var names = new List<string>();
        for (var i = 0; form.ContainsKey($"line_items[{i}][quantity]") || form.ContainsKey($"line_items[{i}][price_data][currency]"); i++)
        {
            var item = $"line_items[{i}]";
            if (!long.TryParse(form[$"{item}[price_data][unit_amount]"], NumberStyles.None, CultureInfo.InvariantCulture, out var unit))
            {
                return Missing($"{item}[price_data][unit_amount]");
            }

            if (!long.TryParse(form[$"{item}[quantity]"], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
            {
                return Missing($"{item}[quantity]");
            }

            var itemCurrency = form[$"{item}[price_data][currency]"].ToString();
            if (itemCurrency.Length == 0)
            {
                return Missing($"{item}[price_data][currency]");
            }

            if (currency is not null && currency != itemCurrency)
            {
                return (400, LocalStripeEndpoints.ErrorObject("invalid_request_error", "parameter_invalid_string", "All line items must use the same currency.", $"{item}[price_data][currency]"));
            }

            var name = form[$"{item}[price_data][product_data][name]"].ToString();
            if (name.Length == 0)
            {
                return Missing($"{item}[price_data][product_data][name]");
            }

            currency = itemCurrency;
            total += unit * quantity;
            names.Add(quantity > 1 ? $"{name} × {quantity}" : name);
        }

        if (currency is null)
        {
            return Missing("line_items");
        }

        // JPY is zero-decimal; Stripe's minimum charge in yen is 50.
        if (currency == "jpy" && total < 50)
        {
            return (400, LocalStripeEndpoints.ErrorObject("invalid_request_error", "amount_too_small", "The Checkout Session's total amount due must add up to at least ¥50", "line_items"));
        }

        var now = DateTimeOffset.UtcNow;
        var expiresAt = now.AddHours(24).ToUnixTimeSeconds();
        if (form.ContainsKey("expires_at"))
        {
            if (!long.TryParse(form["expires_at"], NumberStyles.None, CultureInfo.InvariantCulture, out expiresAt)
                || expiresAt < now.AddMinutes(30).ToUnixTimeSeconds() - 5 || expiresAt > now.AddHours(24).ToUnixTimeSeconds())
            {
                return (400, LocalStripeEndpoints.ErrorObject("invalid_request_error", "parameter_invalid_integer",
                    "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at"));
            }
        }

        var id = state.NextId("cs_test");
        var request = context.Request;
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["amount_subtotal"] = total,
            ["amount_total"] = total,
            ["currency"] = currency,
            ["client_reference_id"] = form["client_reference_id"].ToString() is { Length: > 0 } reference ? reference : null,
            ["created"] = now.ToUnixTimeSeconds(),
            ["expires_at"] = expiresAt,
            ["livemode"] = false,
            ["locale"] = form["locale"].ToString() is { Length: > 0 } locale ? locale : null,
            ["metadata"] = Bracketed(form, "metadata"),
            ["payment_intent"] = null,
            ["payment_status"] = "unpaid",
            ["status"] = "open",
            ["success_url"] = form["success_url"].ToString(),
            ["cancel_url"] = form["cancel_url"].ToString(),
            ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/checkout/{id}",
            // Not a Stripe field: what the hosted page shows as the purchase.
            ["line_items_summary"] = string.Join("、", names),
        };
        state.Sessions[id] = session;
        state.Owner[id] = state.Caller;
        state.SessionIntentData[id] = new JsonObject
        {
            ["metadata"] = Bracketed(form, "payment_intent_data[metadata]"),
            ["description"] = form["payment_intent_data[description]"].ToString(),
        };
        state.SessionsCreated++;
        return (200, Public(session));
    }

    public static (int, JsonObject) Retrieve(LocalStripeState state, string id)
    {
        if (!state.Sessions.TryGetValue(id, out var session) || state.Owner.GetValueOrDefault(id) != state.Caller)
        {
            return (404, LocalStripeEndpoints.ErrorObject("invalid_request_error", "resource_missing", $"No such checkout.session: '{id}'", "session"));
        }

        ExpireIfDue(state, session);
        return (200, Public(session));
    }

    public static (int, JsonObject) Expire(LocalStripeState state, string id)
    {
        if (!state.Sessions.TryGetValue(id, out var session) || state.Owner.GetValueOrDefault(id) != state.Caller)
        {
            return (404, LocalStripeEndpoints.ErrorObject("invalid_request_error", "resource_missing", $"No such checkout.session: '{id}'", "session"));
        }

        ExpireIfDue(state, session);
        if ((string?)session["status"] != "open")
        {
            return (400, LocalStripeEndpoints.ErrorObject("invalid_request_error", "checkout_session_not_open",
                $"Only Checkout Sessions with a status of `open` can be expired. This Checkout Session has a status of `{(string?)session["status"]}`.", null));
        }

        MarkExpired(state, session);
        return (200, Public(session));
    }

    /// <summary>A session past its expires_at is expired when next looked at (Stripe does it within minutes; this server on access).</summary>
    public static void ExpireIfDue(LocalStripeState state, JsonObject session)
    {
        if ((string?)session["status"] == "open" && DateTimeOffset.UtcNow.ToUnixTimeSeconds() >= (long)session["expires_at"]!)
        {
            MarkExpired(state, session);
        }
    }

    private static void MarkExpired(LocalStripeState state, JsonObject session)
    {
        session["status"] = "expired";
        if ((string?)session["payment_intent"] is { } pi && state.Intents.TryGetValue(pi, out var intent) && (string?)intent["status"] != "succeeded")
        {
            intent["status"] = "canceled";
            intent["next_action"] = null;
        }

        state.Emit("checkout.session.expired", Public(session));
    }

    /// <summary>The session's intent, made on the first card the resident submits (as Stripe does), with payment_intent_data's metadata.</summary>
    public static JsonObject IntentOf(LocalStripeState state, JsonObject session)
    {
        if ((string?)session["payment_intent"] is { } existing && state.Intents.TryGetValue(existing, out var known))
        {
            return known;
        }

        var data = state.SessionIntentData[(string)session["id"]!];
        var id = state.NextId("pi");
        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = (long)session["amount_total"]!,
            ["amount_received"] = 0,
            ["currency"] = (string?)session["currency"],
            ["description"] = (string?)data["description"],
            ["metadata"] = data["metadata"]!.DeepClone(),
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["client_secret"] = id + "_secret_" + Guid.NewGuid().ToString("N")[..12],
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = "requires_payment_method",
            ["next_action"] = null,
            ["last_payment_error"] = null,
        };
        state.Intents[id] = intent;
        state.Owner[id] = state.Owner[(string)session["id"]!];
        state.Created(refund: false);
        session["payment_intent"] = id;
        return intent;
    }

    /// <summary>The intent succeeded: the session is complete and paid; both events go out (intent first, as they may in any order).</summary>
    public static void Complete(LocalStripeState state, JsonObject session, JsonObject intent)
    {
        if ((string?)intent["status"] != "succeeded")
        {
            LocalStripeEndpoints.Succeed(state, intent);
        }

        session["status"] = "complete";
        session["payment_status"] = "paid";
        session["payment_intent"] = (string)intent["id"]!;
        state.Emit("checkout.session.completed", Public(session));
    }

    /// <summary>success_url with Stripe's placeholder replaced by the session's id.</summary>
    public static string SuccessUrl(JsonObject session) =>
        ((string)session["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", (string)session["id"]!, StringComparison.Ordinal);

    /// <summary>The session as the API returns it (without this server's own display field).</summary>
    public static JsonObject Public(JsonObject session)
    {
        var copy = (JsonObject)session.DeepClone();
        copy.Remove("line_items_summary");
        return copy;
    }

    /// <summary>Form fields named <c>{prefix}[key]</c> as an object (metadata).</summary>
    private static JsonObject Bracketed(IFormCollection form, string prefix)
    {
        var result = new JsonObject();
        foreach (var (k, v) in form.Where(f => f.Key.StartsWith(prefix + "[", StringComparison.Ordinal) && f.Key.EndsWith(']')))
        {
            var name = k[(prefix.Length + 1)..^1];
            if (!name.Contains('[', StringComparison.Ordinal))
            {
                result[name] = v.ToString();
            }
        }

        return result;
    }

    private static (int, JsonObject) Missing(string param) =>
        (400, LocalStripeEndpoints.ErrorObject("invalid_request_error", "parameter_missing", $"Missing required param: {param}.", param));
}
