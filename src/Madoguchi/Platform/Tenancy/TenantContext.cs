namespace Madoguchi.Platform.Tenancy;

/// <summary>The municipality of the current request, set by <see cref="TenantResolutionMiddleware"/>.</summary>
public sealed class TenantContext
{
    public Guid? TenantId { get; private set; }
    public string? Code { get; private set; }
    public string? Name { get; private set; }
    public string? NameEn { get; private set; }

    public bool IsResolved => TenantId is not null;

    public void Set(Guid id, string code, string name, string nameEn)
    {
        if (TenantId is not null && TenantId != id)
        {
            throw new InvalidOperationException("The tenant of a scope cannot change.");
        }

        (TenantId, Code, Name, NameEn) = (id, code, name, nameEn);
    }
}
