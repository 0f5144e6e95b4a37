namespace Madoguchi.Platform.Demo;

/// <summary>
/// Demo data a feature module adds for each demo municipality (module boundary: the platform
/// seeds tenants, modules seed their own tables). Must be idempotent: it runs at every start.
/// </summary>
public interface IDemoContent
{
    /// <summary>Runs inside a scope whose tenant is <paramref name="tenantId"/>.</summary>
    Task EnsureAsync(Guid tenantId);
}
