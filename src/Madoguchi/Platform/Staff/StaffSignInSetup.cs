using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Madoguchi.Platform.Staff;

internal static class StaffSignInSetup
{
    public static void AddStaffSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<MadoguchiDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddErrorDescriber<JapaneseIdentityErrors>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "madoguchi.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/staff/login";
            o.LogoutPath = "/staff/logout";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Signed in but not allowed: answer 403 with the Japanese error page, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Staff cookies are checked against the security stamp on every request, so a revoked role
        // or a locked account takes effect at once (staff are few; the lookup is by key).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The refreshed principal is rebuilt from the database; keep how the person signed in
            // (amr=mfa), which only the sign-in itself knows.
            o.OnRefreshingPrincipal = context =>
            {
                var amr = context.CurrentPrincipal?.FindAll("amr").ToList() ?? [];
                var identity = context.NewPrincipal?.Identities.FirstOrDefault();
                foreach (var claim in amr.Where(c => identity is not null && !identity.HasClaim(c.Type, c.Value)))
                {
                    identity!.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddScoped<IAuthorizationHandler, StaffOfRouteTenantHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p.RequireAuthenticatedUser().AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireClaim(Audit.AuditActor.ActorKindClaim, "staff"))
            .AddPolicy(StaffPolicies.TenantStaff, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .AddRequirements(new StaffOfRouteTenantRequirement(AdminOnly: false)))
            .AddPolicy(StaffPolicies.TenantAdmin, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .AddRequirements(new StaffOfRouteTenantRequirement(AdminOnly: true)))
            .AddPolicy(StaffPolicies.PlatformAdmin, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireClaim(StaffClaimTypes.PlatformAdmin, "true"));
    }
}

public static class StaffPolicies
{
    public const string Staff = "Staff";
    /// <summary>Staff of the municipality in the route (or a platform admin).</summary>
    public const string TenantStaff = "TenantStaff";
    public const string TenantAdmin = "TenantAdmin";
    public const string PlatformAdmin = "PlatformAdmin";
}
