namespace Madoguchi.Platform.Data;

/// <summary>
/// A row that belongs to one municipality. <see cref="MadoguchiDb"/> applies a global query filter
/// on <see cref="TenantId"/> to every such entity, so a query can only see the current tenant's rows.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
