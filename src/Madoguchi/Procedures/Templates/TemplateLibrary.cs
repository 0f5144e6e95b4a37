using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Madoguchi.Procedures.Templates;

/// <summary>
/// The procedure templates shipped inside the assembly (Procedures/Templates/*.json). They are read
/// once, on first use, and never change while the process runs.
/// </summary>
public sealed class TemplateLibrary
{
    private const string ResourcePrefix = "Madoguchi.Procedures.Templates.";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // A misspelt property in a template file would otherwise vanish silently.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters =
        {
            new JsonStringEnumConverter<FieldWidget>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
            new JsonStringEnumConverter<RequiredAssurance>(namingPolicy: null, allowIntegerValues: false),
            new JsonStringEnumConverter<SignatureRequirement>(namingPolicy: null, allowIntegerValues: false),
            new JsonStringEnumConverter<Platform.Payments.PaymentTiming>(namingPolicy: null, allowIntegerValues: false),
        },
    };

    private readonly Lazy<IReadOnlyList<ProcedureTemplate>> templates;
    private readonly Lazy<IReadOnlyDictionary<string, ProcedureTemplate>> byKey;

    public TemplateLibrary()
        : this(typeof(TemplateLibrary).Assembly)
    {
    }

    internal TemplateLibrary(Assembly assembly)
    {
        templates = new Lazy<IReadOnlyList<ProcedureTemplate>>(() => Load(assembly));
        byKey = new Lazy<IReadOnlyDictionary<string, ProcedureTemplate>>(() => templates.Value.ToDictionary(t => t.Key, StringComparer.Ordinal));
    }

    /// <summary>The library of the templates embedded in this assembly.</summary>
    public static TemplateLibrary Embedded { get; } = new();

    /// <summary>Every template, ordered by key.</summary>
    public IReadOnlyList<ProcedureTemplate> All => templates.Value;

    public ProcedureTemplate? Find(string key) => byKey.Value.GetValueOrDefault(key);

    /// <summary>
    /// Templates whose title, keywords or description contain <paramref name="term"/>. Plain substring
    /// matching, because Japanese has no spaces between words and two-character terms (保育, 介護) must hit.
    /// </summary>
    public IReadOnlyList<ProcedureTemplate> Search(string term)
    {
        var needle = term.Trim();
        if (needle.Length == 0)
        {
            return [];
        }

        return All.Where(t =>
                t.Title.Contains(needle, StringComparison.Ordinal)
                || t.TitleEn.Contains(needle, StringComparison.OrdinalIgnoreCase)
                || t.Keywords.Any(k => k.Contains(needle, StringComparison.OrdinalIgnoreCase))
                || t.Description.Contains(needle, StringComparison.Ordinal))
            .ToList();
    }

    private static IReadOnlyList<ProcedureTemplate> Load(Assembly assembly)
    {
        var loaded = new List<ProcedureTemplate>();
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var template = JsonSerializer.Deserialize<ProcedureTemplate>(stream, JsonOptions)
                ?? throw new InvalidOperationException($"Template resource {name} is empty.");
            var fileKey = name[ResourcePrefix.Length..^".json".Length];

            // The file name is the stable key other code and municipal settings refer to.
            if (!string.Equals(template.Key, fileKey, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Template resource {name} declares key '{template.Key}'; the key must match the file name.");
            }

            loaded.Add(template);
        }

        return loaded;
    }
}
