using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Signatures.SignApp;

/// <summary>
/// Client of the デジタル認証アプリ signing API: a client-credentials token (private_key_jwt),
/// the sign transaction carrying the SHA-256 DigestInfo, the authorization request with scope
/// `sign` and the transaction id, the code exchange (PKCE) and the result (signature + certificate),
/// which arrives as a JWE encrypted to <see cref="SignResultKey"/>. Every failure of the service is
/// a failure result and a log line, never an exception to the page.
/// </summary>
internal sealed class SignApiClient(IHttpClientFactory http, IOptions<SignatureOptions> options, IOptions<ResidentIdentityOptions> identity,
    RelyingPartyKey key, SignResultKey resultKey, IHttpContextAccessor httpContext, TimeProvider time, ILogger<SignApiClient> log)
{
    public const string HttpClientName = "signatures-sign-api";

    public sealed record SignResult(byte[] Signature, byte[] Certificate, IReadOnlyList<byte[]> Chain);

    public bool Offered => !string.IsNullOrWhiteSpace(options.Value.SignServiceBaseUrl) || options.Value.DevService.Enabled;

    /// <summary>The configured service, or in demo mode the development service of this same host.</summary>
    private string BaseUrl => options.Value.SignServiceBaseUrl is { Length: > 0 } configured
        ? configured.TrimEnd('/')
        : $"{httpContext.HttpContext!.Request.Scheme}://{httpContext.HttpContext.Request.Host}{httpContext.HttpContext.Request.PathBase}{DevSignService.DevSignServiceSetup.Prefix}";
    private string ClientId => options.Value.ClientId is { Length: > 0 } id ? id : identity.Value.ClientId;

    public async Task<string?> StartTransactionAsync(byte[] digestInfo, string displayText, CancellationToken ct)
    {
        var token = await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, ct);
        if (token is null)
        {
            return null;
        }

        var body = new JsonObject
        {
            ["client_id"] = ClientId,
            [SignApiProtocol.HashAlgorithm] = SignApiProtocol.Sha256,
            [SignApiProtocol.DigestInfo] = Convert.ToBase64String(digestInfo),
            [SignApiProtocol.DisplayText] = displayText,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + SignApiProtocol.TransactionsPath) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var json = await SendAsync(request, ct);
        return json?[SignApiProtocol.TransactionId]?.GetValue<string>();
    }

    public Uri AuthorizationUrl(string transactionId, string redirectUri, string state, string nonce, string codeVerifier)
    {
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["scope"] = SignApiProtocol.SignScope,
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["acr_values"] = SignApiProtocol.AcrValues,
            ["sign_transaction_id"] = transactionId,
        };
        return new Uri(BaseUrl + SignApiProtocol.AuthorizePath + "?" + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    }

    public async Task<(SignResult? Result, Platform.Signatures.SignatureFailure? Failure)> FetchResultAsync(
        string transactionId, string code, string redirectUri, string codeVerifier, CancellationToken ct)
    {
        var token = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
        }, ct);
        if (token is null)
        {
            return (null, SignatureFailures.ServiceUnavailable);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}{SignApiProtocol.TransactionsPath}/{Uri.EscapeDataString(transactionId)}/result");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(SignApiProtocol.ResultMediaType));
        var envelope = await SendForTextAsync(request, ct);
        if (envelope is null)
        {
            return (null, SignatureFailures.ServiceUnavailable);
        }

        var opened = JweDecryptor.Decrypt(envelope, resultKey.Rsa, resultKey.KeyId);
        if (opened.Problem != JweDecryptor.Problem.None)
        {
            log.LogWarning("Sign result for {Transaction} refused: JWE {Problem} ({Detail})", transactionId, opened.Problem, opened.Detail);
            return (null, opened.Problem switch
            {
                JweDecryptor.Problem.UnsupportedAlgorithm => SignatureFailures.JweAlgorithm,
                JweDecryptor.Problem.WrongKeyId => SignatureFailures.JweKeyId,
                JweDecryptor.Problem.OtherKey => SignatureFailures.JweOtherKey,
                JweDecryptor.Problem.TagMismatch => SignatureFailures.JweTampered,
                _ => SignatureFailures.JweMalformed,
            });
        }

        return ReadPayload(transactionId, opened.Plaintext!);
    }

    private (SignResult? Result, Platform.Signatures.SignatureFailure? Failure) ReadPayload(string transactionId, byte[] plaintext)
    {
        try
        {
            var json = JsonNode.Parse(plaintext);
            var signature = json?[SignApiProtocol.Signature]?.GetValue<string>();
            var certificate = json?[SignApiProtocol.Certificate]?.GetValue<string>();
            if (signature is null || certificate is null)
            {
                log.LogWarning("Sign result for {Transaction} lacks the signature or the certificate", transactionId);
                return (null, SignatureFailures.ResultUnreadable);
            }

            var chain = (json![SignApiProtocol.CertificateChain] as JsonArray ?? [])
                .Select(c => Convert.FromBase64String(c!.GetValue<string>())).ToList();
            return (new SignResult(Convert.FromBase64String(signature), Convert.FromBase64String(certificate), chain), null);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            log.LogWarning("Sign result for {Transaction} is not readable: {Reason}", transactionId, e.Message);
            return (null, SignatureFailures.ResultUnreadable);
        }
    }

    private async Task<string?> TokenAsync(Dictionary<string, string> form, CancellationToken ct)
    {
        var endpoint = BaseUrl + SignApiProtocol.TokenPath;
        form["client_id"] = ClientId;
        form["client_assertion_type"] = RelyingPartyKey.ClientAssertionType;
        form["client_assertion"] = key.CreateClientAssertion(ClientId, endpoint, time);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        var json = await SendAsync(request, ct);
        return json?["access_token"]?.GetValue<string>();
    }

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var text = await SendForTextAsync(request, ct);
        try
        {
            return text is null ? null : JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            log.LogWarning("Sign API {Path} answered no JSON: {Reason}", request.RequestUri?.AbsolutePath, e.Message);
            return null;
        }
    }

    private async Task<string?> SendForTextAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.Timeout = TimeSpan.FromSeconds(options.Value.FetchTimeoutSeconds);
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Sign API {Method} {Path} answered {Status}: {Body}", request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, text.Length > 300 ? text[..300] : text);
                return null;
            }

            return text;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogWarning("Sign API {Path} cannot be reached: {Reason}", request.RequestUri?.AbsolutePath, e.Message);
            return null;
        }
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
