using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Identity.Account;

/// <summary>What the resident forms share: errors shown at the field and again in the summary at the top.</summary>
public abstract class ResidentFormPage : PageModel
{
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    /// <summary>Errors in field order; a form-level error (key "") points at the first field.</summary>
    public IEnumerable<(string FieldId, string Message)> Errors(string firstFieldId) =>
        ModelState.Where(e => e.Value?.Errors.Count > 0)
            .SelectMany(e => e.Value!.Errors.Select(error =>
                (e.Key.Length == 0 ? firstFieldId : e.Key.Replace('.', '_'), error.ErrorMessage)));
}
