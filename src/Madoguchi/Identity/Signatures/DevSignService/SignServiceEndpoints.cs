using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Madoguchi.Identity.Signatures.SignApp;
using Madoguchi.Identity.Signatures.Verification;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Identity.Signatures.DevSignService;

/// <summary>
/// A local server speaking the デジタル認証アプリ signing protocol as published: Keycloak paths
/// under /api/realms/main, a form-encoded token endpoint with private_key_jwt client
/// authentication (client credentials and authorization code + PKCE S256), POST
/// /api/sign-transactions with the client-credentials token, the authorization request with scope
/// `sign` and `sign_transaction_id`, and GET /api/sign-transactions/{id}/result with the user's
/// token. The tests run it on Kestrel with their certificates; in demo mode the host mounts it.
/// The page at the authorization endpoint stands in for the phone app: pick a card, sign or cancel.
/// </summary>
internal static partial class SignServiceEndpoints
{
    public static void MapSignService(this IEndpointRouteBuilder routes, string prefix, SignServiceState state)
    {
        var group = routes.MapGroup(prefix);
        group.MapPost(SignApiProtocol.TokenPath, (HttpContext context, CancellationToken _) => TokenAsync(context, state)).DisableAntiforgery();
        group.MapPost(SignApiProtocol.TransactionsPath, (HttpContext context, CancellationToken _) => StartAsync(context, state));
        group.MapGet(SignApiProtocol.AuthorizePath, (HttpContext context) => Authorize(context, state, context.Request.Query));
        group.MapPost(SignApiProtocol.AuthorizePath, (HttpContext context, CancellationToken _) => ApproveAsync(context, state)).DisableAntiforgery();
        group.MapGet(SignApiProtocol.TransactionsPath + "/{id}/result", (HttpContext context, string id) => ResultAsync(context, state, id));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, SignServiceState state)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error("invalid_request", "Missing form parameter: grant_type");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grant = form["grant_type"].ToString();
        if (grant.Length == 0)
        {
            return Error("invalid_request", "Missing form parameter: grant_type");
        }

        var request = context.Request;
        var tokenUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        if (!await ClientAuthenticatedAsync(state, form, tokenUrl, context.RequestAborted))
        {
            return Error("invalid_client", "Invalid client or Invalid client credentials", HttpStatusCode.Unauthorized);
        }

        var now = DateTime.UtcNow;
        switch (grant)
        {
            case "client_credentials":
                return Issue(state, new SignServiceState.Token("client", null, now.AddMinutes(5)));
            case "authorization_code":
                if (!state.Codes.TryRemove(form["code"].ToString(), out var code) || now - code.IssuedAt > TimeSpan.FromMinutes(1))
                {
                    return Error("invalid_grant", "Code not valid");
                }

                if (code.RedirectUri != form["redirect_uri"].ToString())
                {
                    return Error("invalid_grant", "Incorrect redirect_uri");
                }

                var verifier = form["code_verifier"].ToString();
                if (verifier.Length == 0 || SignApiClient.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != code.CodeChallenge)
                {
                    return Error("invalid_grant", "PKCE verification failed: Invalid code verifier");
                }

                return Issue(state, new SignServiceState.Token("user", code.TransactionId, now.AddMinutes(5)));
            default:
                return Error("unsupported_grant_type", "Unsupported grant_type");
        }
    }

    private static async Task<IResult> StartAsync(HttpContext context, SignServiceState state)
    {
        if (Bearer(context, state) is not { Kind: "client" })
        {
            return Error("invalid_token", "Client credentials token required", HttpStatusCode.Unauthorized);
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Error("invalid_request", "Body is not JSON");
        }

        if (body?[SignApiProtocol.HashAlgorithm]?.GetValue<string>() != SignApiProtocol.Sha256)
        {
            return Error("invalid_request", "hash_algorithm must be SHA-256");
        }

        byte[]? digest = null;
        try
        {
            var encoded = body[SignApiProtocol.DigestInfo]?.GetValue<string>();
            digest = encoded is null ? null : DigestInfo.ReadSha256(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
        }

        if (digest is null)
        {
            return Error("invalid_request", "digest_info must be a DER DigestInfo for SHA-256, in base64");
        }

        var transaction = new SignServiceState.Transaction
        {
            Id = Guid.NewGuid().ToString(),
            Digest = digest,
            DisplayText = body[SignApiProtocol.DisplayText]?.GetValue<string>() ?? "",
            CreatedAt = DateTime.UtcNow,
        };
        state.Transactions[transaction.Id] = transaction;
        return TypedResults.Json(new JsonObject { [SignApiProtocol.TransactionId] = transaction.Id }, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Authorize(HttpContext context, SignServiceState state, IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters)
    {
        var p = parameters.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        var problem = CheckAuthorizationRequest(state, p, out var transaction);
        if (problem is not null)
        {
            return TypedResults.Content(Page("エラー", $"<p role=\"alert\">{WebUtility.HtmlEncode(problem)}</p>"), "text/html; charset=utf-8", statusCode: 400);
        }

        var hidden = string.Concat(p.Select(kv => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(kv.Key)}\" value=\"{WebUtility.HtmlEncode(kv.Value)}\">"));
        var cards = string.Concat(state.Cards.Select((c, i) =>
            $"<div><input type=\"radio\" name=\"card\" id=\"card-{i}\" value=\"{WebUtility.HtmlEncode(c.Key)}\"{(i == 0 ? " checked" : "")}><label for=\"card-{i}\">{WebUtility.HtmlEncode(c.Label)}</label></div>"));
        var body = $"""
            <p>署名する内容：{WebUtility.HtmlEncode(transaction!.DisplayText)}</p>
            <p>SHA-256：<code>{Convert.ToHexStringLower(transaction.Digest)}</code></p>
            <form method="post">
            {hidden}
            <fieldset><legend>読み取るマイナンバーカード（検証用）</legend>{cards}</fieldset>
            <p><button type="submit" name="decision" value="sign">署名する</button>
            <button type="submit" name="decision" value="cancel">キャンセル</button></p>
            </form>
            """;
        return TypedResults.Content(Page("デジタル認証アプリ（検証用）", body), "text/html; charset=utf-8");
    }

    private static async Task<IResult> ApproveAsync(HttpContext context, SignServiceState state)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var p = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        var problem = CheckAuthorizationRequest(state, p, out var transaction);
        if (problem is not null)
        {
            return TypedResults.Content(Page("エラー", $"<p role=\"alert\">{WebUtility.HtmlEncode(problem)}</p>"), "text/html; charset=utf-8", statusCode: 400);
        }

        var redirect = p["redirect_uri"];
        var stateParameter = Uri.EscapeDataString(p["state"]);
        if (p.GetValueOrDefault("decision") != "sign")
        {
            return TypedResults.Redirect($"{redirect}?error=access_denied&error_description=cancelled&state={stateParameter}");
        }

        var card = state.Cards.FirstOrDefault(c => c.Key == p.GetValueOrDefault("card")) ?? state.Cards[0];
        using var key = card.Certificate.GetRSAPrivateKey()!;
        // The card applies PKCS#1 v1.5 type-1 padding to the DigestInfo it is given.
        transaction!.Signature = key.SignHash(transaction.Digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        transaction.SignedWith = card;
        transaction.Authorized = true;
        var code = SignApiClient.Base64Url(RandomNumberGenerator.GetBytes(32));
        state.Codes[code] = new SignServiceState.Code(transaction.Id, redirect, p["code_challenge"], DateTime.UtcNow);
        return TypedResults.Redirect($"{redirect}?state={stateParameter}&session_state={Guid.NewGuid()}&code={Uri.EscapeDataString(code)}");
    }

    private static async Task<IResult> ResultAsync(HttpContext context, SignServiceState state, string id)
    {
        if (Bearer(context, state) is not { Kind: "user" } token || token.TransactionId != id)
        {
            return Error("invalid_token", "Token not valid for this sign transaction", HttpStatusCode.Unauthorized);
        }

        if (!state.Transactions.TryGetValue(id, out var transaction) || transaction.Signature is null || transaction.ResultFetched)
        {
            return Error("invalid_request", "Sign transaction has no result (unknown, not signed or already fetched)", HttpStatusCode.NotFound);
        }

        // The result is encrypted to the key the relying party registered for encryption (its JWKS, "use":"enc").
        var keys = await state.ClientKeys(context.RequestAborted);
        var recipient = keys?.Keys.FirstOrDefault(k => k.Use == "enc" && k.Kty == "RSA" && k.N is { Length: > 0 } && k.E is { Length: > 0 });
        if (recipient is null)
        {
            return Error("invalid_client", "No encryption key (use=enc) registered for the client");
        }

        transaction.ResultFetched = true;
        var card = transaction.SignedWith!;
        var payload = Encoding.UTF8.GetBytes(new JsonObject
        {
            [SignApiProtocol.Signature] = Convert.ToBase64String(transaction.Signature),
            [SignApiProtocol.Certificate] = Convert.ToBase64String(card.Certificate.RawData),
            [SignApiProtocol.CertificateChain] = new JsonArray(card.Chain.Select(c => (JsonNode)Convert.ToBase64String(c.RawData)).ToArray()),
        }.ToJsonString());
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(recipient.N), Exponent = Base64UrlEncoder.DecodeBytes(recipient.E) });
        return TypedResults.Text(Envelope(state, payload, rsa, recipient.Kid), SignApiProtocol.ResultMediaType);
    }

    private static string Envelope(SignServiceState state, byte[] payload, RSA recipient, string? kid)
    {
        switch (state.Envelope)
        {
            case SignServiceState.ResultEnvelope.Malformed:
                return string.Join('.', JweEncryptor.Encrypt(payload, recipient, kid).Split('.')[..4]);
            case SignServiceState.ResultEnvelope.UnsupportedAlgorithm:
                return JweEncryptor.Encrypt(payload, recipient, kid, alg: "RSA1_5");
            case SignServiceState.ResultEnvelope.WrongKeyId:
                return JweEncryptor.Encrypt(payload, recipient, "another-key");
            case SignServiceState.ResultEnvelope.TamperedTag:
                var parts = JweEncryptor.Encrypt(payload, recipient, kid).Split('.');
                var tag = Base64UrlEncoder.DecodeBytes(parts[4]);
                tag[0] ^= 1;
                parts[4] = Base64UrlEncoder.Encode(tag);
                return string.Join('.', parts);
            case SignServiceState.ResultEnvelope.OtherKey:
                using (var other = RSA.Create(recipient.KeySize))
                {
                    return JweEncryptor.Encrypt(payload, other, kid);
                }

            default:
                return JweEncryptor.Encrypt(payload, recipient, kid, state.ResultAlgorithm, state.ResultEncryption);
        }
    }

    private static string? CheckAuthorizationRequest(SignServiceState state, Dictionary<string, string> p, out SignServiceState.Transaction? transaction)
    {
        transaction = null;
        if (p.GetValueOrDefault("response_type") != "code")
        {
            return "response_type は code だけです。";
        }

        if (p.GetValueOrDefault("client_id") != state.ClientId)
        {
            return "client_id が登録されていません。";
        }

        if (p.GetValueOrDefault("scope")?.Split(' ') is not { } scopes || !scopes.Contains("openid") || !scopes.Contains("sign"))
        {
            return "scope に openid と sign が必要です。";
        }

        if (!Uri.TryCreate(p.GetValueOrDefault("redirect_uri"), UriKind.Absolute, out _)
            || !Printable().IsMatch(p.GetValueOrDefault("state") ?? "") || !Printable().IsMatch(p.GetValueOrDefault("nonce") ?? "")
            || !Challenge().IsMatch(p.GetValueOrDefault("code_challenge") ?? "") || p.GetValueOrDefault("code_challenge_method") != "S256")
        {
            return "redirect_uri, state, nonce, code_challenge (S256) が正しくありません。";
        }

        if (!state.Transactions.TryGetValue(p.GetValueOrDefault("sign_transaction_id") ?? "", out transaction) || transaction.Authorized
            || DateTime.UtcNow - transaction.CreatedAt > TimeSpan.FromMinutes(10))
        {
            transaction = null;
            return "sign_transaction_id が無効です（不明、期限切れ、または使用済み）。";
        }

        return null;
    }

    private static async Task<bool> ClientAuthenticatedAsync(SignServiceState state, IFormCollection form, string tokenUrl, CancellationToken ct)
    {
        if (form["client_id"].ToString() != state.ClientId || form["client_assertion_type"].ToString() != RelyingPartyKey.ClientAssertionType)
        {
            return false;
        }

        var keys = await state.ClientKeys(ct);
        if (keys is null)
        {
            return false;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = state.ClientId,
            ValidAudience = tokenUrl,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || jwt.Subject != state.ClientId || string.IsNullOrEmpty(jwt.Id))
        {
            return false;
        }

        // Each assertion once (jti), as Keycloak refuses a replayed client assertion.
        return state.UsedAssertionIds.TryAdd(jwt.Id, jwt.ValidTo);
    }

    private static SignServiceState.Token? Bearer(HttpContext context, SignServiceState state)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && state.Tokens.TryGetValue(header[7..], out var token) && token.ExpiresAt > DateTime.UtcNow
            ? token : null;
    }

    private static IResult Issue(SignServiceState state, SignServiceState.Token token)
    {
        var value = SignApiClient.Base64Url(RandomNumberGenerator.GetBytes(32));
        state.Tokens[value] = token;
        return TypedResults.Json(new JsonObject
        {
            ["access_token"] = value,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["scope"] = token.Kind == "user" ? "openid sign" : "",
        });
    }

    private static IResult Error(string error, string description, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        TypedResults.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: (int)status);

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)}</title></head>
        <body><main><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</main></body></html>
        """;

    [GeneratedRegex("^[\\x20-\\x7E]{1,255}$")]
    private static partial Regex Printable();

    [GeneratedRegex("^[0-9A-Za-z_-]{1,128}$")]
    private static partial Regex Challenge();
}
