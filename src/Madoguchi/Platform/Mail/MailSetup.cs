using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Madoguchi.Platform.Mail;

internal static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration("Mail").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<MailOutbox>();
        services.AddSingleton<MailMetrics>();
        services.AddHostedService<MailSender>();
    }
}
