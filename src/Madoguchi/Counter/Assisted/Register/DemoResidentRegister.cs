using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Madoguchi.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter.Assisted.Register;

/// <summary>
/// A register of fictitious residents per demo municipality (demo-register.json, embedded), or of
/// the file named by <c>AssistedCounter:RegisterFile</c> in the same format (a trial installation, the
/// tests). Read once; answers only for the municipality of the current request.
/// </summary>
internal sealed class DemoResidentRegister(TenantContext tenant, IOptions<AssistedCounterOptions> options) : IResidentRegister
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<RegisterRecord>>> Embedded = new(() =>
    {
        using var stream = typeof(DemoResidentRegister).Assembly.GetManifestResourceStream("Madoguchi.Counter.Assisted.Register.demo-register.json")!;
        return Parse(stream);
    });

    private static readonly Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<RegisterRecord>>> Files = [];

    public Task<IReadOnlyList<RegisterRecord>> FindAsync(string name, DateOnly birthDate, string? address, CancellationToken ct)
    {
        var wanted = Compact(name);
        var matches = Records().Where(r => Compact(r.Name) == wanted && r.BirthDate == birthDate
            && (address is null || Compact(r.Address) == Compact(address))).ToList();
        return Task.FromResult<IReadOnlyList<RegisterRecord>>(matches);
    }

    public Task<RegisterRecord?> GetAsync(string residentKey, CancellationToken ct) =>
        Task.FromResult(Records().FirstOrDefault(r => r.ResidentKey == residentKey));

    public Task<IReadOnlyList<RegisterRecord>> HouseholdAsync(string householdKey, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RegisterRecord>>(Records().Where(r => r.HouseholdKey == householdKey).ToList());

    /// <summary>Names compare without their spaces (half- or full-width), as staff type them either way.</summary>
    internal static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private IReadOnlyList<RegisterRecord> Records()
    {
        var all = options.Value.RegisterFile is { Length: > 0 } path ? FromFile(path) : Embedded.Value;
        return tenant.Code is { } code && all.TryGetValue(code, out var records) ? records : [];
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<RegisterRecord>> FromFile(string path)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(path, out var parsed))
            {
                using var stream = File.OpenRead(path);
                parsed = Parse(stream);
                Files[path] = parsed;
            }

            return parsed;
        }
    }

    internal static IReadOnlyDictionary<string, IReadOnlyList<RegisterRecord>> Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<RegisterFile>(json, JsonOptions) ?? new RegisterFile([]);
        return file.Municipalities.ToDictionary(m => m.Key, m => (IReadOnlyList<RegisterRecord>)m.Value.Households
            .SelectMany(h => h.Members.Select(p => new RegisterRecord(p.Key, h.Key, p.Name, p.NameKana,
                DateOnly.ParseExact(p.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), p.Gender, h.PostalCode, h.Address, p.Relationship)))
            .ToList());
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record RegisterFile(Dictionary<string, MunicipalityFile> Municipalities);

    private sealed record MunicipalityFile(IReadOnlyList<HouseholdFile> Households);

    private sealed record HouseholdFile(string Key, string PostalCode, string Address, IReadOnlyList<PersonFile> Members);

    private sealed record PersonFile(
        string Key, string Name, string NameKana, [property: JsonPropertyName("birthDate")] string BirthDate, string Gender, string Relationship);
}
