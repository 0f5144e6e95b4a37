using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Demo;
using Madoguchi.Procedures.Api;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Exports;
using Madoguchi.Procedures.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Madoguchi.Procedures.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures;

/// <summary>電子申請: procedure definitions and templates, applications, review, exports and the core-system API.</summary>
public static class ProceduresModule
{
    public static void AddProcedures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IntegrationOptions>().BindConfiguration("Integration").ValidateDataAnnotations().ValidateOnStart()
            .Validate(o => o.WebhookTimeout * 2 <= o.WebhookLease, "Integration:WebhookLease must be at least twice Integration:WebhookTimeout.");
        services.AddSingleton(TemplateLibrary.Embedded);
        services.AddScoped<TemplateEnabler>();
        services.AddScoped<Builder.ProcedureBuilder>();
        services.AddScoped<Drafts>();
        services.AddScoped<Submission>();
        services.AddScoped<Platform.Assisted.IAssistedApplications, Assisted.CounterApplications>();
        services.AddScoped<Platform.Payments.IApplicationFees, Fees.ApplicationFees>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<Apply.Prefill>();
        services.AddScoped<ResidentNotices>();
        services.AddScoped<Casework>();
        services.AddScoped<Decisions>();
        services.AddScoped<ResidentCase>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IDemoContent, ProceduresDemoContent>();

        services.AddScoped<ApplicationCsvExporter>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<ISaveChangesHook, StatusChangeWebhooks>();
        services.AddHttpClient(WebhookSender.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Madoguchi-Webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHostedService<WebhookSender>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApplicationsApi.Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(ApiKeyAuthentication.ClientIdClaim));
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IntegrationOptions>>((o, integration) =>
        {
            var perMinute = integration.Value.ApiRequestsPerMinute;
            // Rate limiting runs before authentication, so the partition is the presented key (hashed,
            // never kept in memory as is): one client's burst never slows another client down.
            o.AddPolicy(ApplicationsApi.RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "api:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString()))),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
            var platform = o.OnRejected;
            o.OnRejected = async (context, ct) =>
            {
                if (context.HttpContext.Request.Path.Value?.Contains("/api/v1/", StringComparison.Ordinal) == true)
                {
                    if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    {
                        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "要求が多すぎます。しばらく待ってから再度お試しください。", null);
                }
                else if (platform is not null)
                {
                    await platform(context, ct);
                }
            };
        });
    }

    public static void MapProcedures(this WebApplication app)
    {
        app.MapApplicationJsonDownload();
        app.MapApplicationsApi();
        var document = ApiDocument.Build().ToJsonString();
        app.MapGet(ApiDocument.Path, () => TypedResults.Text(document, "application/json; charset=utf-8")).AllowAnonymous();
    }
}
