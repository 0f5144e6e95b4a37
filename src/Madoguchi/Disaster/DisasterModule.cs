using Madoguchi.Disaster.DisasterMode;
using Madoguchi.Disaster.Notices;
using Madoguchi.Disaster.SafetyChecks;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Disaster.Subscriptions.Channels;
using Madoguchi.Platform.Demo;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Madoguchi.Disaster;

/// <summary>防災: area subscriptions, evacuation notices with approval and fan-out, the disaster-mode front page, shelters as live open data, 安否確認 campaigns.</summary>
public static class DisasterModule
{
    public static void AddDisaster(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DisasterOptions>().BindConfiguration("Disaster").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddHttpClient(WebhookChannel.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Madoguchi-Disaster/1"));
        services.AddSingleton<DisasterLinks>();
        services.AddScoped<DisasterAccess>();
        services.AddScoped<NoticeFanOut>();
        services.AddScoped<NoticeSending>();
        services.AddScoped<Unsubscribing>();
        services.AddScoped<ShelterImport>();
        services.AddScoped<SafetyLaunch>();
        services.AddSingleton<SafetyAnswerWriter>();
        services.AddSingleton<INoticeChannel, EmailChannel>();
        services.AddSingleton<INoticeChannel, WebhookChannel>();
        services.AddHostedService<NoticeDispatcher>();
        services.AddScoped<IDemoContent, DisasterDemoContent>();
    }

    public static void MapDisaster(this WebApplication app)
    {
        app.UseMiddleware<DisasterFrontPage>();
        app.MapShelterOpenData();
        app.MapSafetyExport();
    }
}
