using System.Security.Claims;
using System.Text.Encodings.Web;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Procedures.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> for API clients. The key is looked up by its hash among the
/// clients of the municipality in the route (the tenant filter applies), so a key of one municipality
/// opens nothing of another, and a revoked key stops working on the next request.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MadoguchiDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ClientIdClaim = "madoguchi:api-client";
    public const string DepartmentClaim = "madoguchi:api-department";
    public const string DecideClaim = "madoguchi:api-decide";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header["Bearer ".Length..].Trim();
        if (db.CurrentTenantId is null || key.Length == 0)
        {
            return AuthenticateResult.Fail("no key");
        }

        var hash = ApiClient.Hash(key);
        var client = await db.Set<ApiClient>().AsNoTracking()
            .Where(c => c.TokenHash == hash && c.RevokedAt == null)
            .Select(c => new { c.Id, c.Name, c.DepartmentId, c.MayDecide })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (client is null)
        {
            return AuthenticateResult.Fail("unknown or revoked key");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, client.Id.ToString()),
            new(AuditActor.ActorKindClaim, "api"),
            new(ClaimTypes.Name, client.Name),
            new(ClientIdClaim, client.Id.ToString()),
        ];
        if (client.DepartmentId is { } department)
        {
            claims.Add(new Claim(DepartmentClaim, department.ToString()));
        }

        if (client.MayDecide)
        {
            claims.Add(new Claim(DecideClaim, "true"));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "APIキーがないか、無効です。",
            "Authorization: Bearer <APIキー> を付けてください。失効したキーは使えません。");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "この操作は許可されていません。", null);
}
