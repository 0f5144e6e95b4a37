using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Tokens;

/// <summary>Who a valid token acts for: the departments it covers and the name written into the history.</summary>
public sealed record TokenActor(Guid TokenId, Guid StaffUserId, DepartmentScope Scope, string Name);

/// <summary>
/// Issues, checks and revokes API tokens. A token is "mdg_" and 43 URL-safe characters (256 random
/// bits); CKAN 2.10 clients send it as the whole Authorization header, others as "Bearer …".
/// </summary>
public sealed class ApiTokens(MadoguchiDb db, TimeProvider time)
{
    public const string TokenPrefix = "mdg_";

    /// <summary>last_used is written at most this often, so a busy script does not write on every call.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token (tracked; caller saves) and returns it with the secret, which is never stored.</summary>
    public (ApiToken Token, string Secret) Create(Guid tenantId, Guid staffUserId, Guid? departmentId, string label, DateTime? expiresAt)
    {
        var secret = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new ApiToken
        {
            TenantId = tenantId, StaffUserId = staffUserId, DepartmentId = departmentId, Label = label, TokenHash = Hash(secret),
            Prefix = secret[..12], ExpiresAt = expiresAt, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(token);
        return (token, secret);
    }

    /// <summary>The token in an Authorization header: the raw token (CKAN 2.10) or "Bearer token".</summary>
    public static string? FromHeader(string? header)
    {
        var value = header?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
    }

    /// <summary>The actor of a token of this municipality that is neither revoked nor expired and whose owner still holds the role; else null.</summary>
    public async Task<TokenActor?> AuthenticateAsync(string? secret, CancellationToken ct)
    {
        if (secret is null || !secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var now = time.GetUtcNow().UtcDateTime;
        // The municipality query filter applies: another municipality's token is simply not found.
        var token = await db.Set<ApiToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == token.StaffUserId)
            .Select(u => new { u.DisplayName, u.LockoutEnd, u.IsPlatformAdmin }).FirstOrDefaultAsync(ct);
        if (user is null || user.LockoutEnd > time.GetUtcNow())
        {
            return null;
        }

        var roles = await db.Set<StaffRole>().AsNoTracking().Where(r => r.StaffUserId == token.StaffUserId).Select(r => new { r.Role, r.DepartmentId }).ToListAsync(ct);
        var admin = user.IsPlatformAdmin || roles.Any(r => r.Role == StaffRoleKind.TenantAdmin);
        var scope = token.DepartmentId is { } department
            ? admin || roles.Any(r => r.Role == StaffRoleKind.Publisher && r.DepartmentId == department) ? new DepartmentScope(false, new HashSet<Guid> { department }) : null
            : admin ? new DepartmentScope(true, new HashSet<Guid>()) : null;
        if (scope is null)
        {
            return null;
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedPrecision)
        {
            // Not through the change tracker: a use is not an edit of the token worth a history entry.
            await db.Set<ApiToken>().Where(t => t.Id == token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return new TokenActor(token.Id, token.StaffUserId, scope, $"{user.DisplayName}（APIトークン {token.Prefix}…）");
    }
}
