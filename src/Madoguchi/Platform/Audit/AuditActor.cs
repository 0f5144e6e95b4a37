using System.Security.Claims;

namespace Madoguchi.Platform.Audit;

/// <summary>
/// Who is acting and from where, for the audit trail. Resolved per scope from the HTTP request,
/// or named explicitly for background work and commands.
/// </summary>
public sealed class AuditActor
{
    private readonly IHttpContextAccessor? _http;
    private string? _override;

    public AuditActor(IHttpContextAccessor http) => _http = http;

    private AuditActor(string name) => _override = name;

    public static AuditActor System(string name) => new("system:" + name);

    /// <summary>Marks the rest of this scope's work as done by a system process.</summary>
    public void ActAsSystem(string name) => _override = "system:" + name;

    public string Name
    {
        get
        {
            if (_override is not null)
            {
                return _override;
            }

            var user = _http?.HttpContext?.User;
            var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
            if (id is null)
            {
                return "anonymous";
            }

            var kind = user!.FindFirstValue(ActorKindClaim) ?? "staff";
            return $"{kind}:{id}";
        }
    }

    public string? Address => _http?.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Claim that says whether a principal is staff or a resident.</summary>
    public const string ActorKindClaim = "madoguchi:actor";
}
