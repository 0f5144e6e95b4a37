using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.SignApp;
using Madoguchi.Identity.Signatures.Verification;
using Madoguchi.Platform.Signatures;

namespace Madoguchi.Identity.Signatures;

/// <summary>Registration of JPKI signatures (part of the Identity module).</summary>
internal static class SignaturesSetup
{
    public static void AddSignatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SignatureOptions>().BindConfiguration("Signatures").ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(CrlCache.HttpClientName);
        services.AddHttpClient(SignApiClient.HttpClientName);
        services.AddHttpClient(OcspClient.HttpClientName);
        services.AddSingleton<OcspClient>();
        services.AddSingleton<CrlCache>();
        services.AddSingleton<CertificateVerifier>();
        services.AddSingleton<SignatureChecks>();
        services.AddSingleton<SignResultKey>();
        services.AddSingleton<SignApiClient>();
        services.AddScoped<ApplicationSignatureService>();
        services.AddScoped<IApplicationSignatures>(sp => sp.GetRequiredService<ApplicationSignatureService>());
        if (builder.Configuration.GetValue<bool>("Signatures:DevService:Enabled"))
        {
            builder.AddDevSignService();
        }
    }

    public static void MapSignatures(this WebApplication app)
    {
        // An operator's key (PEM/PFX path) is opened at start, so a wrong path or password stops the host
        // instead of failing the first resident's signature; the generated default is made on first use.
        if (!string.IsNullOrEmpty(app.Configuration["Signatures:ResultKeyPath"]))
        {
            app.Services.GetRequiredService<SignResultKey>();
        }

        if (app.Configuration.GetValue<bool>("Signatures:DevService:Enabled"))
        {
            app.MapDevSignService();
        }
    }
}
