using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Identity;

/// <summary>Settings of resident sign-in (section "Identity").</summary>
public sealed class ResidentIdentityOptions
{
    /// <summary>
    /// Issuer of the OpenID provider, e.g. https://auth-and-sign.go.jp/api/realms/main (the national
    /// デジタル認証アプリ). Empty while the development provider is enabled: it then runs in this host.
    /// Empty without it: card sign-in is then unavailable.
    /// </summary>
    [Url]
    public string? Authority { get; set; }

    /// <summary>client_id registered with the provider (the national app: 1–255 of [0-9A-Za-z]).</summary>
    [Required]
    [RegularExpression("^[0-9A-Za-z]{1,255}$")]
    public string ClientId { get; set; } = "MadoguchiDev";

    /// <summary>acr_values sent with the authorization request; the national app documents "aal3 crl".</summary>
    public string AcrValues { get; set; } = "aal3 crl";

    /// <summary>
    /// Space-separated acr values of an id_token that mean the resident authenticated with the My
    /// Number card. A string, like acr_values, because the configuration binder appends to a
    /// pre-filled collection instead of replacing it.
    /// </summary>
    public string CardAcrValues { get; set; } = "aal3";

    /// <summary>
    /// Level assumed when the id_token carries no acr: the national app authenticates only with the
    /// card's 利用者証明用電子証明書, so Card is the right default for it.
    /// </summary>
    public AssuranceLevel DefaultAssurance { get; set; } = AssuranceLevel.Card;

    /// <summary>PEM file of the RSA key for private_key_jwt; default: generated into the data directory.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Refuse an http:// authority (only the development provider or tests may turn this off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public DevProviderOptions DevProvider { get; set; } = new();

    /// <summary>
    /// Card sign-in needs a provider; without one the platform still runs (e-mail accounts work)
    /// and the card button explains that it is not available here.
    /// </summary>
    public bool CardSignInAvailable => DevProvider.Enabled || !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>The built-in development identity provider (never for production).</summary>
public sealed class DevProviderOptions
{
    public bool Enabled { get; set; }
}
