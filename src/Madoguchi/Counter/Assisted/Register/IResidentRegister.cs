namespace Madoguchi.Counter.Assisted.Register;

/// <summary>
/// The boundary to the municipality's core resident system (住民基本台帳システム): how the counter
/// asks for a person's current record to prefill forms. The contract is in docs/counter-assisted.md;
/// the embedded <see cref="DemoResidentRegister"/> serves the demo municipalities, a real adapter
/// (the core system's inquiry interface) replaces it per installation. No 個人番号 and no 住民票コード
/// cross it: records are keyed by the register's own opaque key.
/// </summary>
public interface IResidentRegister
{
    /// <summary>Current records of the municipality with this name (spaces ignored) and birth date; an address narrows it when given.</summary>
    Task<IReadOnlyList<RegisterRecord>> FindAsync(string name, DateOnly birthDate, string? address, CancellationToken ct);

    /// <summary>The current record with this register key, or null (moved out, unknown, another municipality's).</summary>
    Task<RegisterRecord?> GetAsync(string residentKey, CancellationToken ct);

    /// <summary>Everyone currently in the household, the head first.</summary>
    Task<IReadOnlyList<RegisterRecord>> HouseholdAsync(string householdKey, CancellationToken ct);
}

/// <param name="ResidentKey">The register's own key of the person (not the 住民票コード, not the 個人番号).</param>
/// <param name="Relationship">続柄 to the head of household as the register writes it (世帯主, 妻, 子 …).</param>
/// <param name="Gender">「男」 or 「女」.</param>
public sealed record RegisterRecord(
    string ResidentKey,
    string HouseholdKey,
    string Name,
    string NameKana,
    DateOnly BirthDate,
    string Gender,
    string PostalCode,
    string Address,
    string Relationship);
