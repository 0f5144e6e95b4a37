using System.Threading.RateLimiting;
using Madoguchi.Counter.Demo;
using Madoguchi.Counter.Reservations;
using Madoguchi.Counter.Tickets;
using Madoguchi.Platform.Demo;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter;

/// <summary>待たない窓口: counter services with opening hours, online reservations, numbered queue tickets and the display board.</summary>
public static class CounterModule
{
    public const string BookingRateLimit = "counter-booking";
    public const string TicketRateLimit = "counter-ticket";

    public static void AddCounter(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CounterOptions>().BindConfiguration("Counter").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<CounterOptions>>((o, counter) =>
        {
            // Only posts count; per client address, per hour (a kiosk behind one address draws many tickets).
            o.AddPolicy(BookingRateLimit, http => PostsPerHour(http, "counter-booking:", counter.Value.BookingPostsPerHour));
            o.AddPolicy(TicketRateLimit, http => PostsPerHour(http, "counter-ticket:", counter.Value.TicketsPerHour));
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CounterLinks>();
        services.AddScoped<BookingMails>();
        services.AddScoped<Booking>();
        services.AddScoped<TicketDesk>();
        services.AddScoped<EmailConfirmation>();
        services.AddSingleton<ReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSender>());
        services.AddScoped<IDemoContent, CounterDemoContent>();
    }

    private static RateLimitPartition<string> PostsPerHour(HttpContext http, string prefix, int limit) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(prefix + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1) })
            : RateLimitPartition.GetNoLimiter(prefix + "(not a post)");

    public static void MapCounter(this WebApplication app)
    {
        app.MapCounterApi();
    }
}
