using System.Globalization;
using System.Threading.RateLimiting;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Demo;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Operations;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Platform;

/// <summary>Composition of the platform: storage, tenancy, staff sign-in, audit, mail, shell, operations.</summary>
public static class PlatformModule
{
    public const string SignInRateLimit = "sign-in";

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PlatformOptions>().BindConfiguration("Platform").ValidateDataAnnotations().ValidateOnStart();

        builder.AddStorage();
        // Keys in the shared database: a cookie issued by one node is read by every other node.
        services.AddDataProtection().SetApplicationName("Madoguchi").PersistKeysToDbContext<MadoguchiDb>();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddScoped<TenantContext>();
        services.AddSingleton<TenantDirectory>();
        services.AddScoped<AuditActor>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<DemoData>();
        services.Configure<RouteOptions>(o => o.ConstraintMap[MunicipalityRouteConstraint.Name] = typeof(MunicipalityRouteConstraint));

        builder.AddStaffSignIn();
        builder.AddMail();
        builder.AddProtection();
        builder.AddOperations();

        // Japanese text is written as-is in HTML, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("ja-JP"), new("en")];
            o.DefaultRequestCulture = new RequestCulture("ja-JP");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(o => o.RootDirectory = "/")
            .AddViewLocalization()
            // Validation messages are written in Japanese and double as keys of the English table.
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Localization.SharedResource)))
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                Localization.BindingMessages.UseJapanese(o.ModelBindingMessageProvider);
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "madoguchi.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddProblemDetails();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PlatformOptions>>((o, platform) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback proxies are known by default; others only when named, since anyone can send the header.
            foreach (var proxy in platform.Value.TrustedProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlatformOptions>>().Value.SignInAttemptsPerMinute;
                var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                // Only posts (attempts) count; showing the form is free. Partitions are cached by
                // key, so the unlimited one must not share its key with an address's limiter.
                return HttpMethods.IsPost(http.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter("(not a sign-in attempt)");
            });
        });
    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.UseMiddleware<TenantHostMapping>();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AdminSecondFactorMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapPlatform(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOperations();
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = culture == "en" ? "en" : "ja-JP";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? returnUrl : "/";
            return TypedResults.LocalRedirect(target);
        });
    }

    /// <summary>Applies migrations (EF takes a lock, so two nodes starting together are safe) and demo data.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
        await db.Database.MigrateAsync();
        // Reads (or, on a first start, creates) the master key file now rather than at the first upload.
        scope.ServiceProvider.GetRequiredService<MasterKeys>();
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureAsync();
    }

    /// <summary>Runs a maintenance command instead of the web host (see <see cref="MaintenanceCommands"/>).</summary>
    public static Task<int?> RunCommandAsync(this WebApplication app, string[] args) => MaintenanceCommands.RunAsync(app, args);
}
