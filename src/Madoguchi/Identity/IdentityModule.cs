namespace Madoguchi.Identity;

/// <summary>Resident sign-in: OpenID Connect against the national digital authentication app, or e-mail + password.</summary>
public static class IdentityModule
{
    public const string ResidentScheme = "Resident";

    public static void AddIdentityModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(ResidentScheme, o =>
        {
            o.Cookie.Name = "madoguchi.resident";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
    }

    public static void MapIdentityModule(this WebApplication app)
    {
    }
}
