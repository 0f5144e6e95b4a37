using System.Text.Json.Nodes;
using Madoguchi.Platform.Protection;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Applications;

/// <summary>
/// The values of an application that are stored encrypted inside its Data (docs/forms.md): every
/// 個人番号 (<c>my-number</c>) and the account number of a <c>bank-account</c>. They are sealed when a
/// draft is saved and opened when the application is read for its owner or its reviewers; the
/// database, its backups and the audit trail only ever hold the ciphertext.
/// </summary>
public static class SensitiveFields
{
    public const string AccountNumber = "accountNumber";

    /// <summary>A copy of <paramref name="data"/> with the sensitive values sealed for this application.</summary>
    public static async Task<JsonObject> SealAsync(this FieldCipher cipher, Application application, ProcedureTemplate template, JsonObject data, CancellationToken ct)
    {
        var copy = (JsonObject)data.DeepClone();
        foreach (var (widget, pointer, value) in FormValidation.FieldValues(template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields), copy, "").ToList())
        {
            var target = widget switch
            {
                FieldWidget.MyNumber => pointer,
                FieldWidget.BankAccount when value is JsonObject account && account.ContainsKey(AccountNumber) => pointer + "/" + AccountNumber,
                _ => null,
            };
            if (target is not null && DataPointer.Get(copy, target) is JsonValue v && v.TryGetValue<string>(out var plain) && !FieldCipher.IsSealed(plain))
            {
                DataPointer.Set(copy, target, JsonValue.Create(await cipher.SealAsync(application.TenantId, plain, ContextOf(application), ct)));
            }
        }

        return copy;
    }

    /// <summary>The application's data with every sealed value opened (only for its owner, its reviewers, and checks on the server).</summary>
    public static async Task<JsonObject> OpenAsync(this FieldCipher cipher, Application application, CancellationToken ct)
    {
        var data = JsonNode.Parse(application.Data) as JsonObject ?? [];
        await OpenNodeAsync(cipher, application.TenantId, application.Id, data, ct);
        return data;
    }

    /// <summary>
    /// The stored JSON of an application with its sealed values opened, for exports that read rows
    /// without loading entities; data with nothing sealed is returned as it is, without parsing.
    /// </summary>
    public static async Task<string> OpenJsonAsync(this FieldCipher cipher, Guid tenantId, Guid applicationId, string json, CancellationToken ct)
    {
        if (!json.Contains(FieldCipher.Prefix, StringComparison.Ordinal))
        {
            return json;
        }

        var data = JsonNode.Parse(json) as JsonObject ?? [];
        await OpenNodeAsync(cipher, tenantId, applicationId, data, ct);
        return data.ToJsonString();
    }

    private static async Task OpenNodeAsync(FieldCipher cipher, Guid tenantId, Guid applicationId, JsonNode node, CancellationToken ct)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    if (child is JsonValue v && v.TryGetValue<string>(out var s) && FieldCipher.IsSealed(s))
                    {
                        o[name] = JsonValue.Create(await cipher.OpenAsync(tenantId, s, ContextOf(applicationId), ct));
                    }
                    else if (child is not null)
                    {
                        await OpenNodeAsync(cipher, tenantId, applicationId, child, ct);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        await OpenNodeAsync(cipher, tenantId, applicationId, item, ct);
                    }
                }

                break;
        }
    }

    private static string ContextOf(Application application) => ContextOf(application.Id);

    private static string ContextOf(Guid applicationId) => $"application:{applicationId}";
}
